package changeledger.ingestion.pull;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.evidence.EvidenceClock;
import changeledger.evidence.EvidenceEvent.EvidenceGapOpened;
import changeledger.evidence.GapDetector;
import changeledger.evidence.TestClock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A collector that falls silent while pulls from the host's API succeed leaves no gap; once pulls stop too, it does. */
@QuarkusTest
@WithTestResource(value = FakeProxmoxResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PullEvidenceTest {

    private static final Instant START = Instant.parse("2026-03-10T08:00:00Z");

    FakeProxmoxApi api;

    @Inject
    GapDetector detector;

    @Test
    void givenCollectorSilentForTwoHours_whilePullsSucceed_thenNoGap_andAfterPullsStopAGapOfPull() {
        TestClock clock = new TestClock(START);
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
        String host = FakeProxmoxResource.EVIDENCE;
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", host, "name", host, "role", "infrastructure",
                "node", "pve-pull")).post("/api/v1/hosts").then().statusCode(201);
        as(createKey("ingester", host)).contentType(ContentType.JSON).body(Map.of("collector",
                        Map.of("version", "0.2.0"), "sources", List.of(Map.of("name", "task-index"))))
                .post("/api/v1/hosts/" + host + "/ingest/heartbeat").then().statusCode(204);

        // the collector is silent from 08:00; pulls succeed every 20 minutes until 10:00
        Instant last = START;
        for (Instant pull = START.plus(Duration.ofMinutes(20)); !pull.isAfter(START.plus(Duration.ofHours(2)));
             pull = pull.plus(Duration.ofMinutes(20))) {
            clock.set(pull);
            asAdmin().post("/api/v1/hosts/" + host + "/sync").then().statusCode(200);
            assertThat(detector.checkHost(host, pull.plus(Duration.ofMinutes(19)))).as("pull at " + pull).isEmpty();
            last = pull;
        }
        String reader = createKey("reader", host);
        JsonPath evidence = as(reader).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .get("/api/v1/hosts/" + host + "/evidence").then().statusCode(200).extract().jsonPath();
        assertThat(evidence.getList("gaps")).isEmpty();
        assertThat(evidence.getString("sources.find { it.name == 'pull' }.lastSeenAt")).isEqualTo(last.toString());
        assertThat(evidence.getString("sources.find { it.name == 'task-index' }.lastSeenAt"))
                .isEqualTo(START.toString());

        // then the pulls stop too: a gap from the last pull
        assertThat(detector.checkHost(host, last.plus(Duration.ofMinutes(31))))
                .containsExactly(new EvidenceGapOpened(host, "pull", last));
    }
}
