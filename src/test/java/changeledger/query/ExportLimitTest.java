package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import changeledger.eventstore.EventStore;
import changeledger.processing.ProcessingRuntime;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One key runs at most four exports at once (the default); the fifth is a 503 until one of them ends. */
@QuarkusTest
class ExportLimitTest {

    @Inject
    EventStore store;

    @Inject
    ProcessingRuntime processing;

    @Inject
    ExportStreams exports;

    @Test
    void givenFourStalledExportsOfOneKey_whenItAsksForAFifth_then503WithRetryAfter_andAnotherKeyIsServed()
            throws Exception {
        String host = ExportDataSet.host(store, processing, 2_000, 4_000);
        String busy = createKey("reader");
        String other = createKey("reader");
        int before = exports.active();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sockets.add(ExportDataSet.stalledExport(RestAssured.port, busy, host, EventQueryResource.CSV));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> exports.active() == before + 4);

            as(busy).accept(EventQueryResource.CSV).queryParam("host", host).get("/api/v1/events").then()
                    .statusCode(503).header("Retry-After", "10").contentType("application/problem+json")
                    .body("detail", containsString("This key already runs 4 exports"));
            as(other).accept(EventQueryResource.NDJSON).queryParam("host", host).get("/api/v1/events").then()
                    .statusCode(200);
        } finally {
            ExportDataSet.closeAll(sockets);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> exports.active() == before);
        as(busy).accept(EventQueryResource.CSV).queryParam("host", host).get("/api/v1/events").then()
                .statusCode(200);
    }
}
