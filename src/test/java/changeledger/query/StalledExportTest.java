package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.EventStore;
import changeledger.processing.ProcessingRuntime;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Clients that ask for exports and never read: the service stays ready, its heap holds a bounded amount per stalled
 * export, the export past the limit is a 503, and stalled exports are closed after the idle timeout.
 */
@QuarkusTest
@TestProfile(StalledExportTest.FortyStreamsShortIdle.class)
class StalledExportTest {

    private static final Logger LOG = Logger.getLogger(StalledExportTest.class);
    private static final int STALLED = 40;
    private static final int EVENTS = 4_000;
    private static final int NOTE_BYTES = 4_000;

    /**
     * Room for 40 exports of one key, closed after 20 s without progress: long enough that the first of them is not cut
     * off while the last are still being opened on a busy machine (each reads its first page of 4 MB before it stalls).
     */
    public static class FortyStreamsShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("changeledger.export.max-streams", Integer.toString(STALLED),
                    "changeledger.export.max-streams-per-key", Integer.toString(STALLED),
                    "changeledger.export.idle-timeout", "20s");
        }
    }

    @Inject
    EventStore store;

    @Inject
    ProcessingRuntime processing;

    @Inject
    ExportStreams exports;

    @Test
    void givenFortyStalledExports_thenReadyHeapBoundedOneMoreRefusedAndAllClosedAfterTheIdleTimeout()
            throws Exception {
        String host = ExportDataSet.host(store, processing, EVENTS, NOTE_BYTES);
        String reader = createKey("reader");
        long before = usedHeapAfterGc();
        List<Socket> sockets = new ArrayList<>();
        try {
            // one at a time, each until it has handed on its first bytes: forty first pages read at once would wait
            // for the pool's twenty connections, and on a busy machine some would give up before they stall
            for (int i = 0; i < STALLED; i++) {
                long handed = exports.written();
                sockets.add(ExportDataSet.stalledExport(RestAssured.port, reader, host,
                        i % 2 == 0 ? EventQueryResource.NDJSON : EventQueryResource.CSV));
                await().atMost(Duration.ofSeconds(10)).until(() -> exports.written() > handed);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> exports.active() == STALLED);
            AtomicLong last = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> last.getAndSet(exports.written()) == exports.written());
            long stalled = usedHeapAfterGc();
            int running = exports.active();
            long perExport = (stalled - before) / running;
            LOG.infof("%d stalled exports of %d events of %d bytes: heap %d -> %d KiB, %d KiB per export, %d KiB "
                    + "handed on in all", running, EVENTS, NOTE_BYTES, before / 1024, stalled / 1024, perExport / 1024,
                    exports.written() / 1024);

            given().when().get("/q/health/ready").then().statusCode(200);
            assertThat(running).as("stalled exports still running").isGreaterThanOrEqualTo(STALLED - 2);
            assertThat(exports.written()).as("the exports wrote less than their whole output")
                    .isLessThan((long) running * EVENTS * NOTE_BYTES);
            assertThat(perExport).as("heap held per stalled export").isLessThan(3L * 1024 * 1024);
            assertThat(refusalPastTheLimit(reader, host, sockets).toLowerCase()).startsWith("http/1.1 503")
                    .contains("retry-after: 10").contains("application/problem+json");

            await().atMost(Duration.ofSeconds(60)).until(() -> exports.active() == 0);
        } finally {
            ExportDataSet.closeAll(sockets);
        }
        String body = as(reader).accept(EventQueryResource.NDJSON).queryParam("host", host).get("/api/v1/events")
                .then().statusCode(200).extract().asString();
        assertThat(body.lines()).hasSize(EVENTS + 1); // and the host's registration
        await().atMost(Duration.ofSeconds(10)).until(() -> exports.active() == 0);
    }

    /** Asks for one more export until the answer is a refusal (exports that ended leave room for a few). */
    private static String refusalPastTheLimit(String token, String host, List<Socket> sockets) throws Exception {
        String head = "";
        for (int tries = 0; tries < 4 && !head.startsWith("HTTP/1.1 503"); tries++) {
            Socket extra = ExportDataSet.stalledExport(RestAssured.port, token, host, EventQueryResource.NDJSON);
            sockets.add(extra);
            head = ExportDataSet.responseHead(extra);
        }
        return head;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
