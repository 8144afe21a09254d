package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.evidence.EvidenceEvent;
import changeledger.evidence.EvidenceEvent.EvidenceGapClosed;
import changeledger.evidence.EvidenceEvent.EvidenceGapOpened;
import changeledger.evidence.EvidenceClock;
import changeledger.evidence.GapDetector;
import changeledger.evidence.TestClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A month with a two-hour collector silence, driven through real HTTP with a clock set in March and the gap detector
 * called with explicit times: the report says incomplete evidence and lists the gap, also after every projection
 * was replayed.
 */
@QuarkusTest
class EvidenceGapReportTest {

    private static final String PROCESSORS = "/api/v1/admin/processors";
    private static final Instant MORNING = Instant.parse("2026-03-10T08:00:00Z");
    private static final Instant SILENT_FROM = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant BACK = Instant.parse("2026-03-10T12:00:00Z");

    @Inject
    GapDetector detector;

    private final TestClock clock = new TestClock(MORNING);

    @BeforeEach
    void clock() {
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
    }

    @Test
    void givenTwoHourCollectorSilence_thenIncompleteEvidenceWithThatGap_beforeAndAfterAReplay() {
        // given: budgets of 4 changes and 30 minutes, no requests required; one change on the 10th at 07:00
        String host = registerHost("gap-month", "infrastructure", "pve-gap");
        asAdmin().contentType(ContentType.JSON).body(Map.of("requireChangeRequests", false, "monthlyChangeBudget", 4,
                "monthlyDisruptionMinutes", 30)).put("/api/v1/hosts/" + host + "/policy").then().statusCode(200);
        ReportMonth month = new ReportMonth(host, "pve-gap");
        String ingester = createKey("ingester", host);
        month.tasks(month.task("qmconfig", "101", Instant.parse("2026-03-10T07:00:00Z"), "root@pam", "OK"));

        // the collector beats every half hour until 10:00, then nothing until 12:00
        for (Instant beat = MORNING.plus(Duration.ofMinutes(30)); !beat.isAfter(SILENT_FROM);
             beat = beat.plus(Duration.ofMinutes(30))) {
            clock.set(beat);
            heartbeat(ingester, host);
            assertThat(detector.checkHost(host, beat.plusSeconds(60))).isEmpty();
        }
        assertThat(detector.checkHost(host, SILENT_FROM.plus(Duration.ofMinutes(30)))).as("30 min is allowed")
                .isEmpty();
        assertThat(detector.checkHost(host, SILENT_FROM.plus(Duration.ofMinutes(31))))
                .containsExactly(new EvidenceGapOpened(host, "task-index", SILENT_FROM));
        assertThat(detector.checkHost(host, SILENT_FROM.plus(Duration.ofMinutes(32)))).as("opened once").isEmpty();
        String reader = createKey("reader", host);
        assertThat(as(reader).get("/api/v1/hosts/" + host).then().statusCode(200).extract().jsonPath()
                .getList("evidence.openGaps.from", String.class)).containsExactly("2026-03-10T10:00:00Z");
        clock.set(BACK);
        heartbeat(ingester, host);
        clock.set(BACK.plus(Duration.ofMinutes(5)));
        heartbeat(ingester, host);
        List<EvidenceEvent> closing = detector.checkHost(host, BACK.plus(Duration.ofMinutes(6)));
        assertThat(closing).containsExactly(new EvidenceGapClosed(host, "task-index", BACK));

        // when
        await().atMost(Duration.ofSeconds(60)).until(() -> month.json("2026-03").getInt("hosts[0].changes.observed")
                == 1);
        JsonPath before = month.json("2026-03");

        // then
        assertIncompleteWithTheGap(before, month);
        assertThat(as(reader).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .get("/api/v1/hosts/" + host + "/evidence").then().statusCode(200).extract().jsonPath()
                .getList("gaps", Map.class)).containsExactly(gap());
        assertThat(month.json("2026-02").getString("hosts[0].verdict")).isEqualTo("no data");

        replayEveryProjection();
        JsonPath after = month.json("2026-03");
        assertIncompleteWithTheGap(after, month);
        assertThat(after.getMap("hosts[0]")).isEqualTo(before.getMap("hosts[0]"));
    }

    private static Map<String, String> gap() {
        return Map.of("source", "task-index", "from", "2026-03-10T10:00:00Z", "to", "2026-03-10T12:00:00Z");
    }

    private static void assertIncompleteWithTheGap(JsonPath report, ReportMonth month) {
        assertThat(report.getString("hosts[0].verdict")).isEqualTo("incomplete evidence");
        assertThat(report.getList("hosts[0].gaps", Map.class)).containsExactly(gap());
        assertThat(report.getList("hosts[0].reasons", String.class)).contains("Collection gap in task-index from "
                + "2026-03-10T10:00:00Z to 2026-03-10T12:00:00Z: the record may miss changes then.");
        assertThat(month.text("2026-03", "text/html")).contains("data-verdict=\"incomplete evidence\"")
                .contains("<table class=\"gaps\">")
                .contains("<td>task-index</td><td>2026-03-10T10:00:00Z</td><td>2026-03-10T12:00:00Z</td>");
        assertThat(month.text("2026-03", "text/markdown")).contains("**Verdict: incomplete evidence**")
                .contains("### Collection gaps").contains("| task-index | 2026-03-10T10:00:00Z | 2026-03-10T12:00:00Z |");
        assertThat(month.text("2026-03", "text/csv")).contains("incomplete evidence")
                .contains("task-index 2026-03-10T10:00:00Z/2026-03-10T12:00:00Z");
    }

    private static void heartbeat(String ingester, String host) {
        as(ingester).contentType(ContentType.JSON).body(Map.of("collector", Map.of("version", "0.2.0"),
                        "sources", List.of(Map.of("name", "task-index"), Map.of("name", "access-log"))))
                .post("/api/v1/hosts/" + host + "/ingest/heartbeat").then().statusCode(204);
    }

    private static void replayEveryProjection() {
        List<String> names = asAdmin().get(PROCESSORS).then().statusCode(200).extract().jsonPath()
                .getList("items.name", String.class);
        int replayed = 0;
        for (String name : names) {
            int status = asAdmin().post(PROCESSORS + "/" + name + "/replay").statusCode();
            assertThat(status).as(name).isIn(202, 409);
            replayed += status == 202 ? 1 : 0;
        }
        assertThat(replayed).isGreaterThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonPath list = asAdmin().get(PROCESSORS).then().statusCode(200).extract().jsonPath();
            return list.getList("items.replaying", Boolean.class).stream().noneMatch(Boolean.TRUE::equals)
                    && list.getList("items.lagEvents", Number.class).stream().allMatch(lag -> lag.longValue() == 0);
        });
    }
}
