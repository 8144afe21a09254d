package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.ChangeRequests;
import changeledger.support.TaskLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The monthly report end to end over real HTTP: tasks from a task index, an access-log-free month with a change
 * request, a manual entry and a disruption, read as JSON, HTML, Markdown and CSV.
 */
@QuarkusTest
class StabilityReportResourceTest {

    static final String MONTH = "2026-10";
    private static final Instant OCT_5 = Instant.parse("2026-10-05T10:00:00Z");

    private String infra;
    private String lab;
    private String quiet;
    private String reader;

    /**
     * Infrastructure host (budget 2 changes, 15 minutes): two config changes of guest 101 in one hour, a stop and a
     * start of 101 twenty minutes apart, a config change of 102 inside an approved request, a failed backup and a
     * manual change entry. Lab host: a start only. A third host: nothing in the month.
     */
    @BeforeEach
    void month() {
        infra = registerHost("report-infra", "infrastructure", "pve-infra");
        lab = registerHost("report-lab", "lab", "pve-lab");
        quiet = registerHost("report-quiet", "infrastructure", "pve-quiet");
        asAdmin().contentType(ContentType.JSON).body(Map.of("requireChangeRequests", true, "monthlyChangeBudget", 2,
                "monthlyDisruptionMinutes", 15)).put("/api/v1/hosts/" + infra + "/policy").then().statusCode(200);
        reader = createKey("reader");
        upload(infra, "pve-infra",
                task("qmconfig", "101", OCT_5, "OK"),
                task("qmconfig", "101", OCT_5.plus(Duration.ofMinutes(30)), "OK"),
                task("qmstop", "101", Instant.parse("2026-10-06T12:00:00Z"), "OK"),
                task("qmstart", "101", Instant.parse("2026-10-06T12:20:00Z"), "OK"),
                task("qmconfig", "102", Instant.parse("2026-10-10T09:30:00Z"), "OK"),
                task("vzdump", "", Instant.parse("2026-10-12T01:00:00Z"), "job errors"));
        upload(lab, "pve-lab", task("qmstart", "900", Instant.parse("2026-10-07T08:00:00Z"), "OK"));
        String submitter = createKey("submitter", infra);
        String request = ChangeRequests.submit(submitter, ChangeRequests.body(infra, "102",
                Instant.parse("2026-10-10T09:00:00Z"), Instant.parse("2026-10-10T11:00:00Z")));
        ChangeRequests.step(createKey("approver", infra), request, "approve", Map.of("comment", "ok"))
                .statusCode(200);
        as(submitter).contentType(ContentType.JSON).body(Map.of("kind", "change", "summary", "apt full-upgrade <b>",
                "occurredAt", "2026-10-20T21:00:00Z")).post("/api/v1/hosts/" + infra + "/entries").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath report = json(infra);
            return report.getInt("hosts[0].changes.byClass.manual") == 1
                    && report.getInt("hosts[0].changes.planned") == 1
                    && report.getInt("hosts[0].disruptions.count") == 1
                    && report.getInt("hosts[0].failedTasks.size()") == 1;
        });
    }

    @Nested
    class Json {

        @Test
        void givenAMonthOverBothBudgets_whenReported_thenOverBudgetWithTheEvidence() {
            JsonPath report = json(infra);

            assertThat(report.getString("month")).isEqualTo(MONTH);
            assertThat(report.getBoolean("partial")).isFalse();
            assertThat(report.getString("timeZone")).isEqualTo("UTC");
            assertThat(report.getString("hosts[0].verdict")).isEqualTo("over budget");
            // the request (1), guest 101 in the hour of 10:00 (1), guest 101's stop (1), the manual entry (1)
            assertThat(report.getInt("hosts[0].changes.budgetCount")).isEqualTo(4);
            assertThat(report.getInt("hosts[0].changes.observed")).isEqualTo(5);
            assertThat(report.getInt("hosts[0].changes.unplanned")).isEqualTo(4);
            assertThat(report.getList("hosts[0].reasons", String.class)).contains(
                    "Budget units: 4 of a budget of 2 (5 changes), over budget.",
                    "Disruption: 20.3 minutes of a budget of 15 minutes, over budget.",
                    "4 changes have no covering change request, which this host requires.",
                    "Unplanned: 2026-10-05T10:00:00Z, guest 101: qmconfig 101.");
            assertThat(report.getInt("hosts[0].changes.byClass.change")).isEqualTo(3);
            assertThat(report.getInt("hosts[0].changes.byClass.disruptive")).isEqualTo(1);
            assertThat(report.getInt("hosts[0].changes.byClass.routine")).isEqualTo(1);
            assertThat(report.getDouble("hosts[0].disruptions.minutes")).isEqualTo(20.3);
            assertThat(report.getString("hosts[0].disruptions.windows[0].guest")).isEqualTo("101");
            assertThat(report.getString("hosts[0].failedTasks[0].summary")).contains("vzdump").contains("job errors");
            assertThat(report.getInt("hosts[0].changeRequests.total")).isEqualTo(1);
            assertThat(report.getBoolean("hosts[0].changeRequests.items[0].retroactive")).isTrue();
            assertThat(report.getList("hosts[0].unplanned.summary", String.class))
                    .containsExactly("qmconfig 101", "qmconfig 101", "qmstop 101", "apt full-upgrade <b>");
            assertThat(report.getList("hosts[0].trend.month", String.class))
                    .containsExactly("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10");
            assertThat(report.getInt("hosts[0].trend[5].changes")).isEqualTo(5);
            assertThat(report.getInt("hosts[0].trend[5].budgetUnits")).isEqualTo(4);
            assertThat(report.getList("hosts[0].gaps")).isEmpty();
        }

        @Test
        void givenLabAndQuietHosts_whenReported_thenInformationalAndNoData() {
            assertThat(json(lab).getString("hosts[0].verdict")).isEqualTo("informational");
            assertThat(json(quiet).getString("hosts[0].verdict")).isEqualTo("no data");
        }

        @Test
        void givenATaskOfAnEarlierMonthIngestedLate_whenReportedAgain_thenTheTrendCountsIt() {
            // November's report: October is a month of its trend that is over, so its figures are kept between reads
            JsonPath before = json(infra, "2026-11");
            assertThat(before.getString("hosts[0].trend[4].month")).isEqualTo(MONTH);
            assertThat(before.getInt("hosts[0].trend[4].changes")).isEqualTo(5);
            assertThat(before.getInt("hosts[0].trend[4].budgetUnits")).isEqualTo(4);
            assertThat(json(infra, "2026-11").getInt("hosts[0].trend[4].changes")).isEqualTo(5);

            // a collector that was down sends October's last task in December: guest 103, an hour of its own
            upload(infra, "pve-infra", task("qmconfig", "103", Instant.parse("2026-10-25T08:00:00Z"), "OK"));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath after = json(infra, "2026-11");
                assertThat(after.getInt("hosts[0].trend[4].changes")).isEqualTo(6);
                assertThat(after.getInt("hosts[0].trend[4].budgetUnits")).isEqualTo(5);
            });
            assertThat(json(infra).getInt("hosts[0].changes.budgetCount")).isEqualTo(5);
        }

        @Test
        void givenTheSameEvents_whenReportedTwice_thenEqualApartFromGeneratedAt() {
            Map<String, Object> first = json(infra).getMap("");
            Map<String, Object> second = json(infra).getMap("");
            first.remove("generatedAt");
            second.remove("generatedAt");

            assertThat(second).isEqualTo(first);
        }

        @Test
        void givenUnplannedEndpoint_whenAskedForTheMonth_thenTheSameChangesWithReasons() {
            as(reader).queryParam("from", "2026-10-01").queryParam("to", "2026-11-01")
                    .get("/api/v1/hosts/" + infra + "/unplanned").then().statusCode(200)
                    .body("items.size()", equalTo(4))
                    .body("items[0].guest", equalTo("101"))
                    .body("items[0].reason", containsString("No approved, started or completed change request"));
            as(reader).get("/api/v1/hosts/" + lab + "/unplanned?from=2026-10-01&to=2026-11-01")
                    .then().statusCode(200).body("items.size()", equalTo(0));
            // without 'from', the range starts with the month 'to' falls in
            as(reader).get("/api/v1/hosts/" + infra + "/unplanned?to=2026-10-15")
                    .then().statusCode(200).body("items.size()", equalTo(3));
        }
    }

    @Nested
    class Formats {

        @Test
        void givenHtml_thenOneSectionPerHostWithItsVerdictAndEscapedText() {
            String html = as(reader).accept("text/html").queryParam("host", infra)
                    .get("/api/v1/reports/stability/" + MONTH).then().statusCode(200)
                    .contentType(containsString("text/html")).extract().asString();

            assertThat(as(reader).accept("text/html").get("/api/v1/reports/stability/" + MONTH)
                    .header("Content-Security-Policy")).startsWith("default-src 'none'");
            assertThat(html).startsWith("<!DOCTYPE html>").contains("data-verdict=\"over budget\"")
                    .contains("apt full-upgrade &lt;b&gt;").doesNotContain("apt full-upgrade <b>");
        }

        @Test
        void givenMarkdownAndCsv_thenTheVerdictAndOneRowPerHost() {
            as(reader).accept("text/markdown").queryParam("host", infra).get("/api/v1/reports/stability/" + MONTH)
                    .then().statusCode(200).body(containsString("**Verdict: over budget**"))
                    .body(containsString("| changes | 5 |"))
                    .body(containsString("| budget units | 4 of 2 |"))
                    .body(containsString("apt full-upgrade &lt;b&gt;"));
            String csv = as(reader).accept("text/csv").get("/api/v1/reports/stability/" + MONTH)
                    .then().statusCode(200).extract().asString();
            List<String> lines = csv.lines().toList();
            assertThat(lines.get(0)).isEqualTo(String.join(",", ReportCsv.HEADER));
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(MONTH + ",UTC,false," + infra
                    + ",infrastructure,over budget,5,4,2,20.3,15,1,20.3,1,4,1,1,"));
        }
    }

    @Nested
    class BadInput {

        @Test
        void givenBadOrFutureMonthUnknownHostOrIngester_then400_404_403() {
            as(reader).get("/api/v1/reports/stability/2026-13").then().statusCode(400)
                    .body("detail", containsString("yyyy-MM"));
            as(reader).get("/api/v1/reports/stability/2999-01").then().statusCode(400)
                    .body("detail", containsString("has not begun"));
            as(createKey("reader", lab)).queryParam("host", infra).get("/api/v1/reports/stability/" + MONTH)
                    .then().statusCode(404);
            as(createKey("ingester", infra)).get("/api/v1/reports/stability/" + MONTH).then().statusCode(403);
            as(reader).queryParam("hosts", infra).get("/api/v1/reports/stability/" + MONTH).then().statusCode(400)
                    .body("detail", containsString("Unknown query parameter 'hosts'"));
        }

        @Test
        void givenKeyLimitedToOneHost_whenReported_thenOnlyThatHost() {
            JsonPath report = as(createKey("reader", lab)).get("/api/v1/reports/stability/" + MONTH)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(report.getList("hosts.hostId", String.class)).containsExactly(lab);
        }
    }

    private JsonPath json(String host) {
        return json(host, MONTH);
    }

    private JsonPath json(String host, String month) {
        return as(reader).queryParam("host", host).get("/api/v1/reports/stability/" + month)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String task(String type, String guest, Instant start, String status) {
        return type + "|" + guest + "|" + start + "|" + status;
    }

    private static void upload(String hostId, String node, String... tasks) {
        String[] lines = new String[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            String[] parts = tasks[i].split("\\|", -1);
            Instant start = Instant.parse(parts[2]);
            lines[i] = TaskLines.index(upid().node(node).type(parts[0]).id(parts[1]).startTime(start).text(),
                    start.plusSeconds(20), parts[3]);
        }
        as(createKey("ingester", hostId)).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200);
    }
}
