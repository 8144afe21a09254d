package changeledger.cluster;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import changeledger.support.PveNotifications;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Quorum and fencing from the members' journals (ADR 0063), fixtures in {@code proxmox/journal/cluster/README.md}:
 * a loss of quorum both members log is one window of the cluster, counted once; a fencing another member's HA manager
 * logs is a node window of the fenced host, and a fencing notification of the same node adds nothing.
 */
@QuarkusTest
class ClusterQuorumTest {

    private static String fixture(String name) {
        try (InputStream in = ClusterQuorumTest.class.getResourceAsStream("/proxmox/journal/cluster/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(String host, String cluster, String since) {
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\",\"since\":\"" + since + "\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(200);
    }

    private static void journal(String host, String name) {
        as(createKey("ingester", host)).contentType("text/plain").body(fixture(name))
                .post("/api/v1/hosts/" + host + "/ingest/journal").then().statusCode(200);
    }

    @Test
    void givenBothMembersLogTheSameLossOfQuorum_thenTheClusterHasOneWindowOfThreeMinutesCountedOnce() {
        String cluster = "q" + UUID.randomUUID().toString().substring(0, 8);
        String a = registerHost("qa", "lab", "pve-a");
        String b = registerHost("qb", "lab", "pve-b");
        join(a, cluster, "2026-11-01T00:00:00Z");
        join(b, cluster, "2026-11-01T00:00:00Z");

        journal(a, "pve-a-quorum-loss.log");
        journal(b, "pve-b-quorum-loss.log");

        // pve-a is without quorum 10:00:00 - 10:02:58 (corosync first both times), pve-b 10:00:01 - 10:03:00: merged,
        // 10:00:00 to 10:03:00 = 180 s = 3.0 minutes, one window reported by both
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/clusters/" + cluster)
                .then().statusCode(200).body("quorum.size()", equalTo(1))
                .body("quorum[0].start", equalTo("2026-11-12T10:00:00Z"))
                .body("quorum[0].end", equalTo("2026-11-12T10:03:00Z"))
                .body("quorum[0].durationMinutes", equalTo(3.0f))
                .body("quorum[0].open", equalTo(false))
                .body("quorum[0].reportedBy", contains(a, b))
                .body("events.kind", hasItems("quorum-lost", "quorum-regained", "members-changed")));
        // the cluster's disruptions: that window once, 3.0 minutes; no member has a window of its own
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01").get("/api/v1/clusters/" + cluster + "/disruptions").then()
                .statusCode(200).body("count", equalTo(1)).body("minutes", equalTo(3.0f))
                .body("items.scope", contains("cluster")).body("items[0].cause", equalTo("quorum-lost"))
                .body("items[0].minutesInRange", equalTo(3.0f)));
        // each member counts its own loss as one incident (pmxcfs's line; corosync's of the same loss is none), the
        // cluster counts it once: 1 + 1 - 2 + 1 = 1
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01").queryParam("bucket", "month")
                .get("/api/v1/hosts/" + a + "/stats").then().statusCode(200)
                .body("buckets[0].counts.incident", equalTo(1)));
        asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-12-01").queryParam("bucket", "month")
                .get("/api/v1/clusters/" + cluster + "/stats").then().statusCode(200)
                .body("buckets[0].counts.incident", equalTo(1))
                .body("members.hostId", contains(a, b));
        asAdmin().queryParam("host", a).queryParam("type", "QuorumChangeObserved").get("/api/v1/events").then()
                .statusCode(200).body("items.size()", equalTo(4));
    }

    @Test
    void givenAMemberFencedByAnotherMembersHaManager_thenOneNodeWindowOfTheFencedHostAlsoWithItsNotification() {
        String cluster = "f" + UUID.randomUUID().toString().substring(0, 8);
        String a = registerHost("fa", "lab", "pve-a");
        String c = registerHost("fc", "lab", "pve-c");
        join(a, cluster, "2026-11-01T00:00:00Z");
        join(c, cluster, "2026-11-01T00:00:00Z");

        journal(a, "pve-a-fencing.log");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01").get("/api/v1/hosts/" + c + "/disruptions").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].target", equalTo("node"))
                .body("items[0].cause", equalTo("fencing"))
                .body("items[0].start", equalTo("2026-11-14T08:02:12.700410Z"))
                .body("items[0].open", equalTo(true)));
        asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/hosts/" + a + "/disruptions").then().statusCode(200).body("items.size()", equalTo(0));
        asAdmin().get("/api/v1/clusters/" + cluster).then().statusCode(200)
                .body("events.findAll { it.kind == 'node-fenced' }.subjectHostId", contains(c));

        // the HA manager's fencing notification of the same node, sent to the fenced host's webhook, after the line
        String notification = PveNotifications.fixture("fencing-succeeded.json")
                .replaceAll("\"hostname\"\\s*:\\s*\"[^\"]*\"", "\"hostname\": \"pve-c\"")
                .replaceAll("\"timestamp\"\\s*:\\s*\\d+", "\"timestamp\": 1794643333");
        PveNotifications.post(createKey("ingester", c), c, "application/json", notification).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("type",
                        "ProxmoxNotificationReceived").queryParam("host", c).get("/api/v1/events").then()
                .statusCode(200).body("items.size()", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/admin/processors").then()
                .statusCode(200).body("items.find { it.name == 'disruption-windows' }.lagEvents", equalTo(0)));
        asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/hosts/" + c + "/disruptions").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].start", equalTo("2026-11-14T08:02:12.700410Z"));
    }
}
