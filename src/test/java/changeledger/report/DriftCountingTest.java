package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.evidence.EvidenceClock;
import changeledger.evidence.TestClock;
import changeledger.support.ChangeRequests;
import changeledger.support.PveFiles;
import changeledger.support.Tars;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration drift counts like any observed change (DESIGN "Evidence"): a drift that a task of its target inside its
 * window explains counts once, as that task; an unexplained one counts, is unplanned on an infrastructure host, and a
 * request whose widened window overlaps the drift's window covers it. Driven over real HTTP with the evidence clock
 * set in March 2026, so that snapshots, heartbeats and tasks have known times.
 */
@QuarkusTest
class DriftCountingTest {

    private static final Instant BASELINE = Instant.parse("2026-03-10T09:00:00Z");
    private static final Instant FIRST_SEEN = Instant.parse("2026-03-10T10:00:00Z");
    private static final Instant FIRST_PUSH = Instant.parse("2026-03-10T10:30:00Z");
    private static final Instant SECOND_SEEN = Instant.parse("2026-03-10T11:00:00Z");
    private static final Instant SECOND_PUSH = Instant.parse("2026-03-10T11:30:00Z");

    private final TestClock clock = new TestClock(BASELINE);

    private String host;
    private String ingester;
    private ReportMonth month;

    @BeforeEach
    void host() {
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
        host = registerHost("drift-count", "infrastructure", "pve-drift");
        ingester = createKey("ingester", host);
        month = new ReportMonth(host, "pve-drift");
    }

    @Test
    void givenAnExplainedAndAnUnexplainedDrift_thenEachChangeCountsOnce_andTheUnexplainedOneIsUnplanned() {
        // given: a baseline at 09:00, the collector finding it unchanged at 10:00, guest 101's memory changed in a
        // node shell (no task), pushed at 10:30; unchanged again at 11:00, its cores changed through the API (task
        // qmconfig) at 11:10, pushed at 11:30; another qmconfig of 101 at 09:50, before the first drift's window
        Map<String, String> files = PveFiles.node();
        push(files, BASELINE);
        heartbeat(FIRST_SEEN);
        files.put("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101.replace("memory: 2048", "memory: 4096"));
        push(files, FIRST_PUSH);
        heartbeat(SECOND_SEEN);
        files.put("etc/pve/qemu-server/101.conf", files.get("etc/pve/qemu-server/101.conf")
                .replace("cores: 2\n", "cores: 4\n"));
        push(files, SECOND_PUSH);
        // the tasks arrive after the drifts: the link does not depend on the order
        month.tasks(month.task("qmconfig", "101", Instant.parse("2026-03-10T09:50:00Z"), "root@pam", "OK"),
                month.task("qmconfig", "101", Instant.parse("2026-03-10T11:10:00Z"), "root@pam", "OK"));

        // when
        JsonPath report = settled();

        // then: the two tasks and the first drift count; the second drift is the 11:10 task's evidence
        JsonPath drifts = as(createKey("reader", host)).queryParam("host", host).queryParam("type",
                "ConfigDriftObserved").get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertThat(drifts.getList("items.guest", String.class)).containsExactly("101", "101");
        assertThat(drifts.getList("items.class", String.class)).containsExactly("change", "change");
        assertThat(drifts.getString("items[0].summary")).isEqualTo("configuration of guest pihole (101) changed: memory");
        String unexplained = drifts.getString("items[0].id");
        String explained = drifts.getString("items[1].id");
        assertThat(drifts.getString("items[0].payload.windowStart")).isEqualTo(FIRST_SEEN.toString());
        assertThat(drifts.getString("items[1].payload.windowStart")).isEqualTo(SECOND_SEEN.toString());

        assertThat(report.getInt("hosts[0].changes.observed")).isEqualTo(3);
        assertThat(report.getList("hosts[0].changes.items.eventId", String.class)).contains(unexplained)
                .doesNotContain(explained);
        assertThat(report.getList("hosts[0].changes.items.findAll { it.evidence != null }.evidence", List.class))
                .as("the drift is shown with the task it is evidence of").containsExactly(List.of(explained));
        assertThat(report.getList("hosts[0].unplanned.eventId", String.class)).hasSize(3).contains(unexplained);
        Map<String, Object> drift = report.getList("hosts[0].unplanned", Map.class).stream()
                .filter(u -> unexplained.equals(u.get("eventId"))).findFirst().orElseThrow();
        assertThat(drift.get("guest")).isEqualTo("101");
        assertThat((String) drift.get("reason")).contains("any time between " + FIRST_SEEN + " and " + FIRST_PUSH);
        assertThat(report.getString("hosts[0].verdict")).isEqualTo("unplanned changes");
        assertThat(dayCounts().get("change")).as("two qmconfig-like tasks and one drift").isEqualTo(3);

        // when: a request for guest 101, 10:05-10:10, widened by 15 min to 09:50-10:25, is approved: it covers the
        // task at 09:50 and the drift, whose window (10:00, 10:30] it overlaps
        String submitter = createKey("submitter", host);
        String request = ChangeRequests.submit(submitter, ChangeRequests.body(host, "101",
                Instant.parse("2026-03-10T10:05:00Z"), Instant.parse("2026-03-10T10:10:00Z")));
        ChangeRequests.step(createKey("approver", host), request, "approve", Map.of("comment", "ok"))
                .statusCode(200);

        // then (once the change request list has taken the approval)
        settled();
        JsonPath covered = month.json("2026-03");
        assertThat(covered.getList("hosts[0].unplanned.eventId", String.class)).hasSize(1)
                .doesNotContain(unexplained);
        assertThat(as(submitter).get("/api/v1/change-requests/" + request).then().statusCode(200).extract()
                .jsonPath().getList("linkedChanges.eventId", String.class)).contains(unexplained)
                .doesNotContain(explained).hasSize(2);
    }

    @Test
    void givenDriftsAndTasks_whenTheChangeStatisticsAreReplayed_thenTheSameCounts() {
        Map<String, String> files = PveFiles.node();
        push(files, BASELINE);
        heartbeat(FIRST_SEEN);
        month.tasks(month.task("qmconfig", "101", Instant.parse("2026-03-10T10:10:00Z"), "root@pam", "OK"));
        files.put("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101.replace("cores: 2", "cores: 4"));
        files.put("etc/network/interfaces", files.get("etc/network/interfaces") + "\nauto vmbr9\niface vmbr9 inet manual\n");
        push(files, FIRST_PUSH);
        JsonPath before = settled();
        assertThat(before.getInt("hosts[0].changes.observed")).as("the task, and the node's drift").isEqualTo(2);

        asAdmin().post("/api/v1/admin/processors/change-stats/replay").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath list = asAdmin().get("/api/v1/admin/processors").then().statusCode(200).extract().jsonPath();
            return list.getList("items.replaying", Boolean.class).stream().noneMatch(Boolean.TRUE::equals)
                    && list.getList("items.lagEvents", Number.class).stream().allMatch(lag -> lag.longValue() == 0);
        });

        JsonPath after = month.json("2026-03");
        assertThat(after.getMap("hosts[0].changes")).isEqualTo(before.getMap("hosts[0].changes"));
        assertThat(after.getList("hosts[0].unplanned", Map.class))
                .isEqualTo(before.getList("hosts[0].unplanned", Map.class));
    }

    @Test
    void givenAStoppedGuest_whenASnapshotShowsItGone_thenItsOpenWindowEndsThere() {
        Map<String, String> files = PveFiles.node();
        push(files, BASELINE);
        month.tasks(month.task("qmstop", "101", Instant.parse("2026-03-10T09:10:00Z"), "root@pam", "OK"));
        heartbeat(FIRST_SEEN);
        files.remove("etc/pve/qemu-server/101.conf");
        push(files, FIRST_PUSH);
        settled();

        JsonPath windows = as(createKey("reader", host)).queryParam("from", "2026-03-10").queryParam("to", "2026-03-11")
                .get("/api/v1/hosts/" + host + "/disruptions").then().statusCode(200).extract().jsonPath();
        assertThat(windows.getList("items.guest", String.class)).containsExactly("101");
        assertThat(windows.getBoolean("items[0].open")).isFalse();
        assertThat(windows.getString("items[0].start")).isEqualTo("2026-03-10T09:10:00Z");
        assertThat(windows.getString("items[0].end")).isEqualTo(FIRST_PUSH.toString());
    }

    /** The report once every event has been processed: the report counts the same twice in a row. */
    private JsonPath settled() {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
        return month.json("2026-03");
    }

    private Map<String, Object> dayCounts() {
        return as(createKey("reader", host)).queryParam("from", "2026-03-10").queryParam("to", "2026-03-11")
                .queryParam("bucket", "day").get("/api/v1/hosts/" + host + "/stats").then().statusCode(200)
                .extract().jsonPath().getMap("buckets[0].counts");
    }

    private void push(Map<String, String> files, Instant at) {
        clock.set(at);
        as(ingester).contentType("application/x-tar").body(Tars.of(files))
                .post("/api/v1/hosts/" + host + "/ingest/config").then().statusCode(200);
    }

    private void heartbeat(Instant at) {
        clock.set(at);
        as(ingester).contentType(ContentType.JSON).body(Map.of("collector", Map.of("version", "0.2.0"),
                        "sources", List.of(Map.of("name", "config"))))
                .post("/api/v1/hosts/" + host + "/ingest/heartbeat").then().statusCode(204);
    }
}
