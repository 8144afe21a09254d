package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.PveNotifications.fixture;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import changeledger.support.PveNotifications;
import changeledger.support.TaskLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proxmox notifications in the report and the disruption windows: failed backups and replications are listed with
 * the failed tasks, a fencing of the host's node is a node window until its next {@code startall}. Bodies from
 * {@code src/test/resources/proxmox/notifications/} (November 2026, node {@code pve-lab}).
 */
@QuarkusTest
class NotificationReportTest {

    private static final String MONTH = "2026-11";

    String host;
    String notifier;
    String reader;

    @BeforeEach
    void host() {
        host = registerHost("notify-report", "lab", "pve-lab");
        notifier = createKey("notifier", host);
        reader = createKey("reader", host);
    }

    private void send(String body) {
        PveNotifications.post(notifier, host, "application/json", body).statusCode(200);
    }

    private JsonPath report() {
        return as(reader).queryParam("host", host).get("/api/v1/reports/stability/" + MONTH)
                .then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> windows() {
        return as(reader).get("/api/v1/hosts/" + host + "/disruptions?from=2026-11-01&to=2026-12-01")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The id of the host's first fencing notification, from the audit query. */
    private String fencingEventId() {
        return as(reader).get("/api/v1/events?host=" + host + "&class=incident").then().statusCode(200).extract()
                .jsonPath().getString("items[0].id");
    }

    @Test
    void givenFailedBackupAndReplication_whenReported_thenListedAsFailedTasks_andTheGoodBackupIsNot() {
        send(fixture("vzdump-ok.json"));
        send(fixture("vzdump-failed.json"));
        send(fixture("replication-failed.json"));
        send(fixture("package-updates.json"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath report = report();
            assertThat(report.getList("hosts[0].failedTasks.summary", String.class)).containsExactly(
                    "vzdump (error): vzdump backup status (pve-lab.home.arpa): backup failed",
                    "replication (error): Replication Job: '103-0' failed");
            assertThat(report.getList("hosts[0].failedTasks.occurredAt", String.class))
                    .containsExactly("2026-11-11T02:00:04Z", "2026-11-12T10:00:05Z");
        });
        assertThat(report().getInt("hosts[0].disruptions.count")).isZero();
    }

    @Test
    void givenAFailedBackupInTheTaskIndexAndItsNotification_thenListedOnceAsItsTask() {
        // the backup job of 11 November fails at 02:00:05 (pve-manager VZDump.pm exec_backup sends the notification
        // inside the task, before it dies with "job errors"); the job of 10 November failed too, with no notification
        Instant tenth = Instant.parse("2026-11-10T02:00:00Z");
        Instant eleventh = Instant.parse("2026-11-11T02:00:00Z");
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(
                        TaskLines.index(upid().node("pve-lab").type("vzdump").id("").startTime(tenth).text(),
                                tenth.plusSeconds(7), "job errors"),
                        TaskLines.index(upid().node("pve-lab").type("vzdump").id("").startTime(eleventh).text(),
                                eleventh.plusSeconds(5), "job errors")))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        send(fixture("vzdump-failed.json"));
        // the report reads the failed tasks from the event index: once the notification is indexed, all three are
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(reader).get("/api/v1/events?host=" + host
                        + "&type=ProxmoxNotificationReceived").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1)));

        JsonPath report = report();
        assertThat(report.getList("hosts[0].failedTasks.occurredAt", String.class))
                .containsExactly("2026-11-10T02:00:07Z", "2026-11-11T02:00:05Z");
        assertThat(report.getList("hosts[0].failedTasks.summary", String.class))
                .allMatch(summary -> summary.startsWith("vzdump failed: job errors"));
    }

    @Test
    void givenAnotherNodesFailedBackupSentToThisHost_thenListedBesideThisHostsFailedBackupTask() {
        // a cluster's one target sends node pve-lab2's notification to this host while this host's own backup fails
        Instant eleventh = Instant.parse("2026-11-11T02:00:00Z");
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(
                        TaskLines.index(upid().node("pve-lab").type("vzdump").id("").startTime(eleventh).text(),
                                eleventh.plusSeconds(5), "job errors")))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        send(fixture("vzdump-failed.json").replace("\"hostname\":\"pve-lab\"", "\"hostname\":\"pve-lab2\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(reader).get("/api/v1/events?host=" + host
                        + "&type=ProxmoxNotificationReceived").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1)));

        assertThat(report().getList("hosts[0].failedTasks.summary", String.class)).containsExactly(
                "vzdump (error): vzdump backup status (pve-lab.home.arpa): backup failed",
                "vzdump failed: job errors");
    }

    @Test
    void givenFencingOfTheHostsNode_thenANodeWindowOpenUntilTheNextStartall() {
        send(fixture("fencing-trying.json"));
        send(fixture("fencing-succeeded.json"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(windows()).singleElement()
                .satisfies(w -> {
                    assertThat(w.get("target")).isEqualTo("node");
                    assertThat(w.get("cause")).isEqualTo("fencing");
                    assertThat(w.get("start")).isEqualTo("2026-11-13T04:10:00Z");
                    assertThat(w.get("open")).isEqualTo(true);
                    assertThat(w.get("causeUpid")).isNull();
                    assertThat(w.get("causeEventId")).isEqualTo(fencingEventId());
                }));

        Instant boot = Instant.parse("2026-11-13T04:14:00Z");
        as(createKey("ingester", host)).contentType("text/plain")
                .body(TaskLines.body(TaskLines.index(upid().node("pve-lab").type("startall").id("").startTime(boot)
                        .text(), boot.plusSeconds(40), "OK")))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(windows()).singleElement()
                .satisfies(w -> {
                    assertThat(w.get("open")).isEqualTo(false);
                    assertThat(w.get("end")).isEqualTo("2026-11-13T04:14:40Z");
                    assertThat(w.get("closedBy")).isEqualTo("startall");
                    assertThat(((Number) w.get("durationMinutes")).doubleValue()).isCloseTo(4.7, within(1e-6));
                }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(report().getDouble("hosts[0].disruptions.minutes")).isCloseTo(4.7, within(1e-6)));
    }

    @Test
    void givenFencingOfAnotherNode_thenShownButNoWindowOfThisHost() {
        // the HA manager names the fenced node in 'hostname'; sent through this host's target, it is another node's
        send(fixture("fencing-trying.json").replace("'pve-lab'", "'pve-lab2'")
                .replace("\"hostname\":\"pve-lab\"", "\"hostname\":\"pve-lab2\""));
        send(fixture("system-mail.json"));

        // a later fencing of its own node: once its window is there, the other node's fencing was projected
        send(fixture("fencing-succeeded.json"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(windows()).singleElement()
                .satisfies(w -> assertThat(w.get("start")).isEqualTo("2026-11-13T04:11:02Z")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(as(reader)
                .get("/api/v1/events?host=" + host + "&class=incident").then().statusCode(200).extract().jsonPath()
                .getList("items.summary", String.class)).containsExactly("fencing (error): Trying to fence node 'pve-lab2'",
                "fencing (error): Successfully fenced node 'pve-lab'"));
    }
}
