package changeledger.dashboard;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.query.SseClient;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The host page's task view and the events page's live stream, over HTTP with a dashboard session. */
@QuarkusTest
class DashboardLiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/events/live")
    URI live;

    @Test
    void givenAFailedAndAnOkTask_whenTheHostPageOpens_thenTheTaskViewListsThemWithTheirStatusAndFilters() {
        String host = registerHost("dash-tasks", "lab", "pve-dtasks");
        Instant start = Instant.now().minusSeconds(300);
        String failed = UpidBuilder.upid().node("pve-dtasks").type("qmstart").id("101").user("root@pam")
                .startTime(start).text();
        String ok = UpidBuilder.upid().node("pve-dtasks").type("vzdump").id("102").user("backup@pve")
                .startTime(start.plusSeconds(1)).text();
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(
                        TaskLines.index(failed, start.plusSeconds(7), "start failed: QEMU exited with code 1"),
                        TaskLines.index(ok, start.plusSeconds(61), "OK")))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        DashboardClient reader = DashboardClient.signIn(createKey("reader", host));

        await().atMost(WAIT).until(() -> reader.request().get("/hosts/" + host).asString().contains(ok));
        String page = reader.request().get("/hosts/" + host).then().statusCode(200).extract().asString();
        assertThat(page).contains("data-upid=\"" + failed + "\" data-outcome=\"failed\"")
                .contains("start failed: QEMU exited with code 1")
                .contains("data-upid=\"" + ok + "\" data-outcome=\"ok\"").contains("backup@pve");

        String onlyFailed = reader.request().queryParam("taskStatus", "failed").get("/hosts/" + host).then()
                .statusCode(200).extract().asString();
        assertThat(onlyFailed).contains(failed).doesNotContain(ok);
        String wrong = reader.request().queryParam("taskClass", "nope").get("/hosts/" + host).then().statusCode(400)
                .extract().asString();
        assertThat(wrong).contains("&#39;class&#39; is &#39;nope&#39;: use one of");
    }

    @Test
    void givenAHostLimitedSession_whenLive_thenOnlyItsHostsEventsArriveAndTheOtherHostIsRefused() throws Exception {
        String mine = registerHost("live-mine", "lab", "pve-lmine");
        String other = registerHost("live-other", "lab", "pve-lother");
        DashboardClient limited = DashboardClient.signIn(createKey("reader", mine));
        limited.request().queryParam("host", other).get("/events/live").then().statusCode(404);
        io.restassured.RestAssured.given().redirects().follow(false).get("/events/live").then().statusCode(303);

        try (SseClient client = SseClient.withCookie(live, "changeledger_session", limited.session)) {
            upload(other, "pve-lother", 3);
            upload(mine, "pve-lmine", 2);
            Set<String> hosts = new HashSet<>();
            for (int received = 0; received < 4; received++) {
                SseClient.Event event = client.nextEvent(WAIT);
                assertThat(event).as("event %d of mine", received + 1).isNotNull();
                assertThat(event.id()).isEqualTo(JSON.readTree(event.data()).path("position").asText());
                hosts.add(JSON.readTree(event.data()).path("hostId").asText());
            }
            assertThat(hosts).containsExactly(mine);
            assertThat(client.nextEvent(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void givenTheEventsPage_thenItLoadsOurLiveScriptFromSelfUnderAPolicyWithoutInlineScripts() {
        String host = registerHost("live-script", "lab", "pve-lscript");
        DashboardClient reader = DashboardClient.signIn(createKey("reader", host));
        io.restassured.response.Response page = reader.request().queryParam("host", host).get("/events");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self';")
                .contains("connect-src 'self';").doesNotContain("unsafe-inline").doesNotContain("http");
        assertThat(page.asString()).contains("<script src=\"/static/live.js\"></script>")
                .contains("data-stream=\"/events/live?host=" + host + "\"");
        String script = io.restassured.RestAssured.given().get("/static/live.js").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("javascript")).extract().asString();
        assertThat(script).contains("new EventSource(").contains("textContent").doesNotContain("innerHTML");
    }

    private static void upload(String host, String node, int tasks) {
        Instant start = Instant.now().minusSeconds(900);
        String[] lines = new String[tasks];
        for (int i = 0; i < tasks; i++) {
            Instant at = start.plusSeconds(60L * i);
            lines[i] = TaskLines.index(UpidBuilder.upid().node(node).type("qmstart").id("1" + i).user("root@pam")
                    .startTime(at).text(), at.plusSeconds(5), "OK");
        }
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
    }
}
