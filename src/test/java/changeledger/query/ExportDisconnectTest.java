package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.TaskLineGenerator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A client that goes away during an export leaves an INFO line, not an ERROR with a stack trace. */
@QuarkusTest
class ExportDisconnectTest {

    @TestHTTPResource
    URL service;

    @Test
    void givenClientClosingMidExport_thenInfoLineWithoutStackTraceAndNoError() throws Exception {
        String host = registerHost("export", "lab", "pve-lab");
        as(createKey("ingester", host)).contentType("text/plain")
                .body(String.join("\n", new TaskLineGenerator("pve-lab", 17).indexLines(10_000)) + "\n")
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        String reader = createKey("reader");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            startExportAndLeave(host, reader);
            as(reader).get("/api/v1/events?limit=1").then().statusCode(200);

            // when the reset lands before the export is written out, it is one INFO line; never an ERROR
            assertThat(records).filteredOn(ExportDisconnectTest::stopped).allSatisfy(stopped -> {
                assertThat(stopped.getLevel()).isEqualTo(Level.INFO);
                assertThat(stopped.getThrown()).isNull();
            });
            assertThat(records).noneMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue());
        } finally {
            root.removeHandler(capture);
        }
        as(reader).get("/api/v1/events?limit=1").then().statusCode(200);
    }

    private static boolean stopped(LogRecord record) {
        return String.valueOf(record.getMessage()).contains("stopped: the client closed");
    }

    /** Asks for the host's NDJSON export, reads the first bytes of the answer and resets the connection. */
    private void startExportAndLeave(String host, String reader) throws Exception {
        try (Socket socket = new Socket(service.getHost(), service.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/events?host=" + host + " HTTP/1.1\r\nHost: localhost\r\nAccept: "
                    + "application/x-ndjson\r\nAuthorization: Bearer " + reader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            assertThat(in.read(new byte[4_096])).isPositive();
            socket.setSoLinger(true, 0);
        }
    }
}
