package changeledger.dashboard;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static changeledger.support.UpidBuilder.upid;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.ChangeRequests;
import changeledger.support.TaskLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The clusters page and a cluster's page show what {@code /api/v1/clusters} answers for the same key: members over
 * time, the time without quorum both members' journals show (fixtures in {@code proxmox/journal/cluster/README.md}),
 * counted once, and nothing of a member the key does not cover.
 */
@QuarkusTest
class ClusterPagesTest {

    private static final String NOVEMBER = "from=2026-11-01&to=2026-12-01&bucket=month";

    @Test
    void givenTwoMembersThatLostQuorumTogether_thenTheClusterPageShowsOneWindowAndEachKeySeesOnlyItsMembers() {
        // given: a lab host and an infrastructure host in one cluster since November; both journals show the loss
        String cluster = "p" + UUID.randomUUID().toString().substring(0, 8);
        String lab = registerHost("cpl", "lab", "pve-a");
        String infra = registerHost("cpi", "infrastructure", "pve-b");
        join(lab, cluster);
        join(infra, cluster);
        journal(lab, "pve-a-quorum-loss.log");
        journal(infra, "pve-b-quorum-loss.log");
        DashboardClient both = DashboardClient.signIn(createKey("reader", lab, infra));

        // then (reporters by host id): pve-a lost quorum 10:00:00 - 10:02:58, pve-b 10:00:01 - 10:03:00: one window of the cluster, 3.0 min
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(both.request()
                .get("/clusters/" + cluster + "?" + NOVEMBER).then().statusCode(200).extract().asString())
                .contains("<tr data-scope=\"cluster\"><td>cluster (reported by " + infra + ", " + lab + ")</td>"
                        + "<td>quorum</td><td>2026-11-12T10:00:00Z</td><td>2026-11-12T10:03:00Z</td><td>3.0</td>")
                .contains("id=\"disruption-figures\">1 window, 3.0 minutes"));
        String page = both.request().get("/clusters/" + cluster + "?" + NOVEMBER).asString();
        assertThat(page).contains("<h1>Cluster " + cluster + "</h1>")
                .contains("<form method=\"get\" action=\"/clusters/" + cluster + "\" class=\"filters\"")
                .contains("<option value=\"month\" selected>")
                .contains("<tr data-host=\"" + lab + "\"><td><a href=\"/hosts/" + lab + "\">")
                .contains("<tr data-host=\"" + infra + "\"><td><a href=\"/hosts/" + infra + "\">")
                .contains("<td>2026-11-01T00:00:00Z</td><td>member now</td>")
                .contains("id=\"zones-mixed\"")
                .contains("data-chart=\"change-frequency\"").contains("data-chart=\"disruption-timeline\"")
                .contains(HostCharts.NO_QUORUM_LANE)
                .contains("<tr data-kind=\"quorum-lost\">").contains("<tr data-kind=\"quorum-regained\">");
        // the list names it with both members now and the mixed zones; the host page and home card link to it
        assertThat(both.request().get("/clusters").then().statusCode(200).extract().asString())
                .contains("<tr data-cluster=\"" + cluster + "\"><td><a href=\"/clusters/" + cluster + "\">")
                .contains("<a href=\"/hosts/" + lab + "\">" + lab + "</a> (lab)")
                .contains("<a href=\"/hosts/" + infra + "\">" + infra + "</a> (infrastructure)")
                .contains("mixed trust zones");
        assertThat(both.request().get("/hosts/" + infra).asString())
                .contains("cluster <a href=\"/clusters/" + cluster + "\">");
        assertThat(both.request().get("/").asString()).contains("<a href=\"/clusters/" + cluster + "\">");
        // a month with nothing in it: no window and no journal line
        assertThat(both.request().get("/clusters/" + cluster + "?from=2026-10-01&to=2026-11-01").asString())
                .contains("No disruption windows in this range.")
                .contains("No quorum, membership or fencing lines in this range.");

        // a key for the lab host alone: the window its journal shows, nothing of the infrastructure host
        String labOnly = DashboardClient.signIn(createKey("reader", lab)).request()
                .get("/clusters/" + cluster + "?" + NOVEMBER).then().statusCode(200).extract().asString();
        assertThat(labOnly).contains("<tr data-host=\"" + lab + "\">").contains("reported by " + lab + ")")
                .doesNotContain(infra).doesNotContain("id=\"zones-mixed\"");
        // a key that covers no member, and a cluster that does not exist: 404 as on the API
        DashboardClient stranger = DashboardClient.signIn(createKey("reader",
                registerHost("cpx", "lab", "pve-x")));
        stranger.request().get("/clusters/" + cluster).then().statusCode(404);
        assertThat(stranger.request().get("/clusters").asString()).doesNotContain(cluster);
        both.request().get("/clusters/no-such-" + cluster).then().statusCode(404);
        // a bad range is the API's 400
        both.request().get("/clusters/" + cluster + "?from=2026-12-01&to=2026-11-01").then().statusCode(400);
    }

    @Test
    void givenAMembersWindowAnApprovedRequestCovers_thenTheClusterShowsItPlannedAsTheHostDoes() {
        // given: a member's reboot of guest 101 on 20 November, inside an approved request for 101
        String cluster = "r" + UUID.randomUUID().toString().substring(0, 8);
        String infra = registerHost("cpr", "infrastructure", "pve-r");
        join(infra, cluster);
        Instant start = Instant.parse("2026-11-20T10:00:00Z");
        String request = ChangeRequests.submit(createKey("submitter", infra), ChangeRequests.body(infra, "101",
                start.minusSeconds(1800), start.plusSeconds(1800)));
        ChangeRequests.step(createKey("approver", infra), request, "approve", null).statusCode(200);
        as(createKey("ingester", infra)).contentType("text/plain").body(TaskLines.body(TaskLines.index(
                        upid().node("pve-r").type("qmreboot").id("101").startTime(start).text(), start.plusSeconds(60),
                        "OK")))
                .post("/api/v1/hosts/" + infra + "/ingest/task-index").then().statusCode(200);

        // then: the cluster's API and page say it is planned by that request, as the host's do
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin()
                .get("/api/v1/hosts/" + infra + "/disruptions?from=2026-11-01&to=2026-12-01").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].changeRequestId", equalTo(request)));
        asAdmin().get("/api/v1/clusters/" + cluster + "/disruptions?from=2026-11-01&to=2026-12-01").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("items[0].window.planned", equalTo(true))
                .body("items[0].window.changeRequestId", equalTo(request));
        assertThat(DashboardClient.signIn(createKey("reader", infra)).request()
                .get("/clusters/" + cluster + "?" + NOVEMBER).asString())
                .contains("<td>yes (<a href=\"/change-requests/" + request + "\">" + request + "</a>)</td>");
    }

    private static void join(String host, String cluster) {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-01T00:00:00Z\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(200);
    }

    private static void journal(String host, String fixture) {
        as(createKey("ingester", host)).contentType("text/plain").body(read(fixture))
                .post("/api/v1/hosts/" + host + "/ingest/journal").then().statusCode(200);
    }

    private static String read(String name) {
        try (InputStream in = ClusterPagesTest.class.getResourceAsStream("/proxmox/journal/cluster/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
