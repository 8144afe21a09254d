package changeledger.cluster;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A whole cluster's month (ADR 0062): a host that joins on the 10th counts from the 10th in the cluster's figures and
 * report while its own section stays whole; the infrastructure host joined to lab hosts is flagged.
 */
@QuarkusTest
class ClusterReportTest {

    private static void join(String host, String cluster, String since) {
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\",\"since\":\"" + since + "\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(200);
    }

    /** A finished {@code qmreboot} of guest 101: the task itself is the window, start to end. */
    private static String reboot(String node, String start, String end) {
        String upid = UpidBuilder.upid().node(node).startTime(Instant.parse(start)).type("qmreboot").id("101")
                .user("root@pam").text();
        return TaskLines.index(upid, Instant.parse(end), "OK");
    }

    @Test
    void givenAHostJoiningOnTheTenth_thenTheMonthsClusterFiguresCountItFromTheTenthOnly() {
        String cluster = "m" + UUID.randomUUID().toString().substring(0, 8);
        String a = registerHost("ma", "lab", "pve-ma");
        String d = registerHost("md", "lab", "pve-md");
        join(a, cluster, "2026-11-01T00:00:00Z");
        join(d, cluster, "2026-11-10T00:00:00Z");
        // d reboots guest 101 on the 5th (2 min, before it joined) and on the 12th (5 min, as a member);
        // a reboots its guest 101 on the 20th (3 min)
        as(createKey("ingester", d)).contentType("text/plain").body(TaskLines.body(
                        reboot("pve-md", "2026-11-05T10:00:00Z", "2026-11-05T10:02:00Z"),
                        reboot("pve-md", "2026-11-12T10:00:00Z", "2026-11-12T10:05:00Z")))
                .post("/api/v1/hosts/" + d + "/ingest/task-index").then().statusCode(200);
        as(createKey("ingester", a)).contentType("text/plain").body(TaskLines.body(
                        reboot("pve-ma", "2026-11-20T08:00:00Z", "2026-11-20T08:03:00Z")))
                .post("/api/v1/hosts/" + a + "/ingest/task-index").then().statusCode(200);

        // d's own month: both reboots, 2 + 5 = 7.0 minutes; the cluster's: d's from the 10th (5) + a's (3) = 8.0
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("cluster", cluster)
                .get("/api/v1/reports/stability/2026-11").then().statusCode(200)
                .body("cluster.name", equalTo(cluster))
                .body("cluster.members.hostId", contains(a, d))
                .body("cluster.members[1].from", equalTo("2026-11-10T00:00:00Z"))
                .body("cluster.disruptions", equalTo(2))
                .body("cluster.disruptionMinutes", equalTo(8.0f))
                .body("cluster.byClass.disruptive", equalTo(2))
                .body("cluster.zonesMixed", equalTo(false))
                .body("hosts.find { it.hostId == '" + d + "' }.disruptions.count", equalTo(2))
                .body("hosts.find { it.hostId == '" + d + "' }.disruptions.minutes", equalTo(7.0f))
                .body("hosts.find { it.hostId == '" + d + "' }.changes.byClass.disruptive", equalTo(2)));
        asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/clusters/" + cluster + "/disruptions").then().statusCode(200)
                .body("count", equalTo(2)).body("minutes", equalTo(8.0f))
                .body("items.hostId", contains(d, a)).body("items[0].start", equalTo("2026-11-12T10:00:00Z"));
        asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-12-01").queryParam("bucket", "month")
                .get("/api/v1/clusters/" + cluster + "/stats").then().statusCode(200)
                .body("buckets[0].counts.disruptive", equalTo(2));
        // by day: nothing on the 5th (d was not yet a member), one on the 12th
        asAdmin().queryParam("from", "2026-11-05").queryParam("to", "2026-11-13")
                .get("/api/v1/clusters/" + cluster + "/stats").then().statusCode(200)
                .body("buckets[0].counts.disruptive", equalTo(0)).body("buckets[7].counts.disruptive", equalTo(1));
        asAdmin().queryParam("cluster", cluster).queryParam("host", a).get("/api/v1/reports/stability/2026-11")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void givenAHostThatRequiresRequestsJoiningOnTheTenth_thenTheClustersUnplannedListStartsOnTheTenth() {
        String cluster = "u" + UUID.randomUUID().toString().substring(0, 8);
        String infra = registerHost("uin", "infrastructure", "pve-uin");
        join(infra, cluster, "2026-11-10T00:00:00Z");
        String before = UpidBuilder.upid().node("pve-uin").startTime(Instant.parse("2026-11-05T09:00:00Z"))
                .type("qmconfig").id("101").user("root@pam").text();
        String after = UpidBuilder.upid().node("pve-uin").startTime(Instant.parse("2026-11-12T09:00:00Z"))
                .type("qmconfig").id("102").user("root@pam").text();
        as(createKey("ingester", infra)).contentType("text/plain").body(TaskLines.body(
                        TaskLines.index(before, Instant.parse("2026-11-05T09:00:02Z"), "OK"),
                        TaskLines.index(after, Instant.parse("2026-11-12T09:00:02Z"), "OK")))
                .post("/api/v1/hosts/" + infra + "/ingest/task-index").then().statusCode(200);

        // the host's own list has both; the cluster's only the one after the join
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01").get("/api/v1/hosts/" + infra + "/unplanned").then().statusCode(200)
                .body("items.guest", contains("101", "102")));
        asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/clusters/" + cluster + "/unplanned").then().statusCode(200)
                .body("items.guest", contains("102")).body("items[0].hostId", equalTo(infra))
                .body("items[0].class", equalTo("change"));
    }

    @Test
    void givenTheInfrastructureHostJoinedToAClusterOfLabHosts_thenTheReportSaysSo() {
        String cluster = "z" + UUID.randomUUID().toString().substring(0, 8);
        String lab1 = registerHost("zl1", "lab", "pve-zl1");
        String lab2 = registerHost("zl2", "lab", "pve-zl2");
        String infra = registerHost("zin", "infrastructure", "pve-zin");
        join(lab1, cluster, "2026-11-01T00:00:00Z");
        join(lab2, cluster, "2026-11-01T00:00:00Z");
        join(infra, cluster, "2026-11-15T00:00:00Z");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("cluster", cluster)
                .get("/api/v1/reports/stability/2026-11").then().statusCode(200)
                .body("cluster.zonesMixed", equalTo(true))
                .body("cluster.mixedZones", contains("homelab", "secured"))
                .body("cluster.notes[0]", containsString("Mixed trust zones"))
                .body("hosts.find { it.hostId == '" + infra + "' }.notes[0]",
                        containsString("host " + infra + " (zone secured) was in cluster " + cluster))
                .body("hosts.find { it.hostId == '" + infra + "' }.notes[0]", containsString(lab1 + " (zone homelab)")));
        // the infrastructure host's own report says so too, in every format
        asAdmin().queryParam("host", infra).get("/api/v1/reports/stability/2026-11").then().statusCode(200)
                .body("hosts[0].notes", hasItem(containsString("Mixed trust zones")));
        asAdmin().queryParam("host", infra).accept("text/markdown").get("/api/v1/reports/stability/2026-11").then()
                .statusCode(200).body(containsString("**Mixed trust zones: host " + infra));
        asAdmin().queryParam("host", infra).accept("text/csv").get("/api/v1/reports/stability/2026-11").then()
                .statusCode(200).body(containsString("Mixed trust zones: host " + infra));
        asAdmin().queryParam("cluster", cluster).accept("text/html").get("/api/v1/reports/stability/2026-11").then()
                .statusCode(200).body(containsString("data-zones-mixed=\"true\""))
                .body(containsString("Mixed trust zones: host " + infra));
        asAdmin().get("/api/v1/clusters/" + cluster).then().statusCode(200).body("zonesMixed", equalTo(true));
        // October, before the join: no note
        asAdmin().queryParam("host", infra).get("/api/v1/reports/stability/2026-10").then().statusCode(200)
                .body("hosts[0].notes", empty());
        // a key limited to the lab hosts learns nothing of the infrastructure host
        as(createKey("reader", lab1, lab2)).queryParam("cluster", cluster).get("/api/v1/reports/stability/2026-11")
                .then().statusCode(200).body("cluster.zonesMixed", equalTo(false))
                .body("hosts.hostId", contains(lab1, lab2))
                .body(org.hamcrest.Matchers.not(containsString(infra)));
    }
}
