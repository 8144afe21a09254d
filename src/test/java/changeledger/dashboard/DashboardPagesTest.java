package changeledger.dashboard;

import static changeledger.support.Api.ADMIN_TOKEN;
import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import changeledger.support.ChangeRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every dashboard page renders for a signed-in key, text from events stays text, and admin actions work. */
@QuarkusTest
class DashboardPagesTest {

    private static final String SCRIPT = "<script>alert('title')</script>";
    private static final String IMAGE = "<img src=x onerror=alert(1)>";
    private static final String NAME = "<b>Eve</b> & \"co\"";

    @Test
    void givenHostileTitlesSummariesAndNames_whenPagesRender_thenEveryValueIsEscaped() {
        // given: a request and an entry whose texts and key name are markup
        String host = registerHost("escape", "infrastructure", "pve-escape");
        String submitter = asAdmin().contentType(ContentType.JSON).body(Map.of("name", NAME, "role", "submitter",
                "hosts", java.util.List.of(host))).post("/api/v1/api-keys").then().statusCode(201).extract()
                .path("token");
        Map<String, Object> body = new java.util.HashMap<>(ChangeRequests.body(host, "node",
                Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200)));
        body.put("title", SCRIPT);
        body.put("description", IMAGE);
        String request = ChangeRequests.submit(submitter, body);
        as(submitter).contentType(ContentType.JSON).body(Map.of("kind", "change", "summary", IMAGE, "occurredAt",
                Instant.now().minusSeconds(60).toString())).post("/api/v1/hosts/" + host + "/entries")
                .then().statusCode(201);
        DashboardClient client = DashboardClient.signIn(submitter);
        await().atMost(Duration.ofSeconds(30)).until(() -> client.request().get("/change-requests?host=" + host)
                .asString().contains("data-request=\"" + request + "\""));

        // then
        for (String path : new String[] {"/change-requests?host=" + host, "/change-requests/" + request,
            "/entries?host=" + host, "/events?host=" + host, "/"}) {
            String html = client.request().get(path).then().statusCode(200).extract().asString();
            assertThat(html).as(path).doesNotContain("<script>").doesNotContain("<img").doesNotContain("<b>Eve");
        }
        assertThat(client.request().get("/change-requests/" + request).asString())
                .contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;");
        assertThat(client.request().get("/entries?host=" + host).asString()).contains("&lt;img src=x onerror=");
        assertThat(client.request().get("/events?host=" + host).asString()).contains("&lt;img src=x onerror=");
    }

    @Test
    void givenTheInfrastructureHostInAClusterWithALabHost_thenItsHomeCardFlagsTheMixedTrustZones() {
        String cluster = "d" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String lab = registerHost("dzl", "lab", "pve-dzl");
        String infra = registerHost("dzi", "infrastructure", "pve-dzi");
        for (String host : new String[] {lab, infra}) {
            asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\"}")
                    .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(200);
        }
        DashboardClient reader = DashboardClient.signIn(createKey("reader", lab, infra));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reader.request().get("/").asString())
                .contains("class=\"notes trust-zones\"")
                .contains("Mixed trust zones: host " + infra + " (zone secured) was in cluster " + cluster));
        // the reports page offers the cluster, and its report has the cluster's section
        assertThat(reader.request().get("/reports").asString()).contains("<option value=\"" + cluster + "\">");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(reader.request().get("/reports?month=" + month + "&cluster=" + cluster).asString())
                .contains("/reports/view?month=" + month + "&amp;cluster=" + cluster);
        assertThat(reader.request().get("/reports/view?month=" + month + "&cluster=" + cluster).asString())
                .contains("<h2>Cluster " + cluster + "</h2>").contains("data-zones-mixed=\"true\"");
        // a key that sees the infrastructure host alone is not told of the lab host
        assertThat(DashboardClient.signIn(createKey("reader", infra)).request().get("/").asString())
                .doesNotContain("Mixed trust zones").doesNotContain(lab);
    }

    @Test
    void givenApproverOwnRequest_whenOpened_thenNoApproveButtonAndFourEyesNote() {
        String host = registerHost("foureyes", "infrastructure", "pve-4eyes");
        String approver = createKey("approver", host);
        String request = ChangeRequests.submit(approver, ChangeRequests.body(host, "node",
                Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200)));
        String html = DashboardClient.signIn(approver).request().get("/change-requests/" + request).asString();
        assertThat(html).contains("id=\"four-eyes\"").doesNotContain("id=\"approve\"").contains("id=\"reject\"")
                .contains("id=\"cancel\"");
    }

    @Test
    void givenReader_whenOpeningEveryPage_thenEachRendersWithItsFiguresAndExports() {
        String host = registerHost("pages", "infrastructure", "pve-pages");
        DashboardBrowserTest.ingestTask(host, "pve-pages", "qmconfig");
        DashboardBrowserTest.awaitVerdict(host, "unplanned changes");
        DashboardClient reader = DashboardClient.signIn(createKey("reader", host));
        String month = YearMonth.now(ZoneOffset.UTC).toString();

        reader.request().get("/").then().statusCode(200).body(containsString("class=\"evidence\""))
                .body(containsString("task-index "));
        reader.request().get("/hosts/" + host + "?bucket=week").then().statusCode(200)
                .body(containsString("data-chart=\"change-frequency\"")).body(containsString("class=\"change\""))
                .body(containsString("data-chart=\"disruption-timeline\""));
        reader.request().get("/events?host=" + host + "&limit=1").then().statusCode(200)
                .body(containsString("id=\"next-page\"")).body(containsString("ProxmoxTaskStarted"));
        reader.request().get("/events/export.csv?host=" + host).then().statusCode(200)
                .contentType(containsString("text/csv")).body(containsString("qmconfig"));
        reader.request().get("/events/export.ndjson?host=" + host).then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).body(containsString("\"hostId\":\"" + host));
        reader.request().get("/reports?month=" + month + "&host=" + host).then().statusCode(200)
                .body(containsString("/reports/download.md?month=" + month));
        reader.request().get("/reports/view?month=" + month + "&host=" + host).then().statusCode(200)
                .body(containsString("data-verdict=\"unplanned changes\""));
        reader.request().get("/reports/download.md?month=" + month + "&host=" + host).then().statusCode(200)
                .header("Content-Disposition", containsString("stability-" + month + ".md"));
        reader.request().get("/reports/download.csv?month=" + month + "&host=" + host).then().statusCode(200)
                .contentType(containsString("text/csv"));
        reader.request().get("/entries").then().statusCode(200).body(containsString("id=\"entries\""))
                .body(org.hamcrest.Matchers.not(containsString("id=\"record-entry\"")));
        reader.request().get("/admin").then().statusCode(403);
    }

    @Test
    void givenAdmin_whenCreatingAndRevokingAKeyAndVerifyingTheSeal_thenTokenShownOnceAndKeyRevoked() {
        DashboardClient admin = DashboardClient.signIn(ADMIN_TOKEN);
        admin.request().get("/admin").then().statusCode(200).body(containsString("id=\"processors\""));

        String created = admin.form().formParam("name", "dashboard-made").formParam("role", "reader")
                .post("/admin/keys").then().statusCode(200).extract().asString();
        String token = created.replaceAll("(?s).*id=\"created-token\">([^<]+)<.*", "$1");
        assertThat(token).startsWith("clk_");
        as(token).get("/api/v1/hosts").then().statusCode(200);
        assertThat(admin.request().get("/admin").asString()).doesNotContain(token);

        String keyId = asAdmin().get("/api/v1/api-keys").then().extract().jsonPath()
                .getString("items.find { it.name == 'dashboard-made' && it.active }.id");
        admin.form().formParam("reason", "test").post("/admin/keys/" + keyId + "/revoke").then().statusCode(303);
        as(token).get("/api/v1/hosts").then().statusCode(401);

        admin.form().post("/admin/verify").then().statusCode(200).body(containsString("data-verified=\"true\""));
    }
}
