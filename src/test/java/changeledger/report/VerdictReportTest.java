package changeledger.report;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.support.ChangeRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdicts that real months call for, over real HTTP: an outage without events, unplanned changes, nothing. */
@QuarkusTest
class VerdictReportTest {

    @Test
    void givenGuestStoppedOnThe30thAndNeverStarted_whenTheNextMonthIsReported_thenOverBudgetAndOpenSinceItsStop() {
        // given: an infrastructure host whose guest 101 alice stopped on 30 September, nothing since
        String host = registerHost("verdict-outage", "infrastructure", "pve-outage");
        ReportMonth month = new ReportMonth(host, "pve-outage");
        month.tasks(month.task("qmstop", "101", Instant.parse("2026-09-30T20:00:00Z"), "alice@pve", "OK"));
        await().atMost(Duration.ofSeconds(60)).until(() -> month.json("2026-10").getInt("hosts[0].disruptions.count")
                == 1);

        // when
        JsonPath october = month.json("2026-10");
        JsonPath september = month.json("2026-09");

        // then: 31 days of an open window against a budget of 30 minutes, and the disruption still going on
        assertThat(october.getString("hosts[0].verdict")).isEqualTo("over budget");
        assertThat(october.getDouble("hosts[0].disruptions.minutes")).isEqualTo(44_640.0);
        assertThat(october.getList("hosts[0].reasons", String.class))
                .contains("Disruption: 44640.0 minutes of a budget of 30 minutes, over budget.");
        assertThat(october.getLong("hosts[0].daysSinceLastDisruption")).isZero();
        assertThat(october.getBoolean("hosts[0].disruptions.windows[0].open")).isTrue();
        assertThat(october.getString("hosts[0].disruptions.windows[0].openSince")).isEqualTo("2026-09-30T20:00:00Z");
        assertThat(october.getString("hosts[0].disruptions.windows[0].stoppedBy")).isEqualTo("alice@pve");
        assertThat(september.getString("hosts[0].verdict")).isEqualTo("over budget");
        assertThat(september.getLong("hosts[0].daysSinceLastDisruption")).isZero();
        assertThat(month.text("2026-10", "text/html")).contains("data-verdict=\"over budget\"")
                .contains("open since 2026-09-30T20:00:00Z, stopped by alice@pve");
        assertThat(month.text("2026-10", "text/markdown"))
                .contains("| open since 2026-09-30T20:00:00Z, stopped by alice@pve |");
    }

    @Test
    void givenHostRequiringRequestsWithinBothBudgets_whenChangesAreUnplanned_thenUnplannedChangesNamingThem() {
        // given: budgets of 10 changes and 60 minutes; a covered config change of 102, an uncovered one of 101 by
        // task, and an uncovered config PUT of 103 through the API
        String host = registerHost("verdict-unplanned", "infrastructure", "pve-unplanned");
        asAdmin().contentType(ContentType.JSON).body(Map.of("requireChangeRequests", true, "monthlyChangeBudget", 10,
                "monthlyDisruptionMinutes", 60)).put("/api/v1/hosts/" + host + "/policy").then().statusCode(200);
        ReportMonth month = new ReportMonth(host, "pve-unplanned");
        String submitter = createKey("submitter", host);
        String request = ChangeRequests.submit(submitter, ChangeRequests.body(host, "102",
                Instant.parse("2026-10-10T09:00:00Z"), Instant.parse("2026-10-10T11:00:00Z")));
        ChangeRequests.step(createKey("approver", host), request, "approve", Map.of("comment", "ok")).statusCode(200);
        month.tasks(month.task("qmconfig", "101", Instant.parse("2026-10-05T10:00:00Z"), "root@pam", "OK"),
                month.task("qmconfig", "102", Instant.parse("2026-10-10T09:30:00Z"), "root@pam", "OK"));
        month.calls(month.call("PUT", "qemu/103/config", Instant.parse("2026-10-20T14:00:00Z")));
        await().atMost(Duration.ofSeconds(60)).until(() -> month.json("2026-10").getInt("hosts[0].changes.observed")
                == 3);

        // when
        JsonPath report = month.json("2026-10");

        // then
        assertThat(report.getString("hosts[0].verdict")).isEqualTo("unplanned changes");
        assertThat(report.getInt("hosts[0].changes.planned")).isEqualTo(1);
        assertThat(report.getList("hosts[0].reasons", String.class)).contains(
                "Budget units: 3 of a budget of 10 (3 changes).",
                "2 changes have no covering change request, which this host requires.",
                "Unplanned: 2026-10-05T10:00:00Z, guest 101: qmconfig 101.")
                .anySatisfy(reason -> assertThat(reason).startsWith("Unplanned: 2026-10-20T14:00:00Z, guest 103: PUT")
                        .contains("qemu/103/config"));
        assertThat(month.text("2026-10", "text/html")).contains("data-verdict=\"unplanned changes\"")
                .doesNotContain("within budget");
        assertThat(month.text("2026-10", "text/markdown")).contains("**Verdict: unplanned changes**");
    }

    @Test
    void givenTheOutage_whenARetireEntryEndsIt_thenTheNextMonthIsWithinBudget() {
        // given: guest 101 stopped on 30 September, retired ten minutes into October
        String host = registerHost("verdict-retired", "infrastructure", "pve-retired");
        ReportMonth month = new ReportMonth(host, "pve-retired");
        month.tasks(month.task("qmstop", "101", Instant.parse("2026-09-30T20:00:00Z"), "alice@pve", "OK"));
        await().atMost(Duration.ofSeconds(60)).until(() -> month.json("2026-10").getInt("hosts[0].disruptions.count")
                == 1);

        // when
        asAdmin().contentType(ContentType.JSON).body(Map.of("kind", "retire", "summary", "101 decommissioned",
                        "occurredAt", "2026-10-01T00:10:00Z", "target", "101"))
                .post("/api/v1/hosts/" + host + "/entries").then().statusCode(201);

        // then: October holds ten minutes of the window, closed, and the verdict is green again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath october = month.json("2026-10");
            assertThat(october.getDouble("hosts[0].disruptions.minutes")).isEqualTo(10.0);
            assertThat(october.getString("hosts[0].verdict")).isEqualTo("within budget");
            assertThat(october.getBoolean("hosts[0].disruptions.windows[0].open")).isFalse();
            assertThat(october.getLong("hosts[0].daysSinceLastDisruption")).isPositive();
        });
        assertThat(month.json("2026-09").getString("hosts[0].verdict")).isEqualTo("over budget");
    }

    @Test
    void givenHostWithNothingInTheMonth_thenNoData_butAManualChangeAloneIsData() {
        String quiet = registerHost("verdict-quiet", "infrastructure", "pve-quiet");
        String noted = registerHost("verdict-noted", "infrastructure", "pve-noted");
        ReportMonth empty = new ReportMonth(quiet, "pve-quiet");
        ReportMonth manual = new ReportMonth(noted, "pve-noted");
        manual.manualChange("swapped a disk", Instant.parse("2026-10-08T07:00:00Z"),
                Instant.parse("2026-10-08T07:10:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> manual.json("2026-10").getInt("hosts[0].changes.observed")
                == 1);

        assertThat(empty.json("2026-10").getString("hosts[0].verdict")).isEqualTo("no data");
        assertThat(empty.json("2026-10").getList("hosts[0].reasons", String.class)).singleElement().asString()
                .contains("no sign of life");
        assertThat(manual.json("2026-10").getString("hosts[0].verdict")).isEqualTo("unplanned changes");
    }
}
