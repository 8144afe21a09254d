package changeledger.query;

import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.processing.ProcessingRuntime;
import changeledger.support.TestEvents;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A host with events large enough that one export of them overflows every socket buffer, and stalled clients. */
final class ExportDataSet {

    private ExportDataSet() {
    }

    /** Registers a host and stores {@code events} events of about {@code noteBytes} each for it; waits for the index. */
    static String host(EventStore store, ProcessingRuntime processing, int events, int noteBytes) {
        String host = registerHost("export", "lab", "pve-export");
        String note = "x".repeat(noteBytes);
        for (int stored = 0; stored < events; stored += 500) {
            List<NewEvent> batch = new ArrayList<>();
            for (int i = stored; i < Math.min(events, stored + 500); i++) {
                ObjectNode payload = JsonNodeFactory.instance.objectNode().put("hostId", host).put("n", i)
                        .put("note", note);
                batch.add(new NewEvent(UUID.randomUUID(), "Noted", 1, payload, Instant.parse("2026-11-01T10:00:00Z")));
            }
            QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(
                    new AggregateRef("ExportLoad", host + "-" + UUID.randomUUID()), AppendRequest.NEW_STREAM, batch),
                    TestEvents.metadata("export-load")));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> processing.engine().statuses().stream()
                .filter(s -> s.name().equals("event-index")).allMatch(s -> s.lagEvents() == 0));
        return host;
    }

    /** Sends an export request for the host on a socket with a small receive buffer, and never reads the answer. */
    static Socket stalledExport(int port, String token, String host, String accept) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/events?host=" + host + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nAccept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The status line and headers of the answer on the socket (read with a timeout), leaving the body unread. */
    static String responseHead(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        java.io.InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Closes every socket. */
    static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
