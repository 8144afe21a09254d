package changeledger.evidence;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The detector against the real store: one gap however many instances look at once; no gap without a baseline. */
@QuarkusTest
class GapDetectorTest {

    @Inject
    GapDetector detector;

    @Inject
    EventStore store;

    @Test
    void givenFourInstancesCheckingTheSameSilenceAtOnce_thenOneGapIsStored() throws Exception {
        String host = registerHost("gap-race", "lab", "pve-race");
        Instant before = Instant.now();
        as(createKey("ingester", host)).contentType(ContentType.JSON).body(Map.of("collector",
                        Map.of("version", "0.2.0"), "sources", List.of(Map.of("name", "task-index"))))
                .post("/api/v1/hosts/" + host + "/ingest/heartbeat").then().statusCode(204);
        Instant later = before.plus(Duration.ofHours(1));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<EvidenceEvent>>> checks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                checks.add(() -> detector.checkHost(host, later));
            }
            int appended = 0;
            for (Future<List<EvidenceEvent>> result : pool.invokeAll(checks)) {
                appended += result.get().size();
            }
            assertThat(appended).as("events the four checks appended").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        List<StoredEvent> stream = store.readStream(new AggregateRef(EvidenceEvent.AGGREGATE_TYPE, host));
        assertThat(stream).extracting(StoredEvent::type).containsExactly("EvidenceGapOpened");
        assertThat(stream.get(0).payload().get("source").asText()).isEqualTo("task-index");
        assertThat(Instant.parse(stream.get(0).payload().get("from").asText())).isAfterOrEqualTo(before);
    }

    @Test
    void givenHostThatNeverShowedASignOfLife_thenNoGap() {
        String host = registerHost("gap-never", "lab", "pve-never");
        assertThat(detector.checkHost(host, Instant.now().plus(Duration.ofDays(2)))).isEmpty();
    }
}
