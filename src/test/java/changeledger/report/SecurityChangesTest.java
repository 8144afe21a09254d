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
import changeledger.support.TaskLines;
import changeledger.support.Tars;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security changes (DESIGN "Evidence"): an ACL change through the API and a changed token in a pushed user.cfg are
 * flagged {@code security}, listed apart in the unplanned list and the report, and on an infrastructure host a request
 * for the whole node does not cover them; a request for {@code security} does.
 */
@QuarkusTest
class SecurityChangesTest {

    private static final Instant ACL_CHANGE = Instant.parse("2026-03-12T10:00:00Z");

    private final TestClock clock = new TestClock(Instant.parse("2026-03-12T08:00:00Z"));

    private String host;
    private String reader;
    private ReportMonth month;

    @BeforeEach
    void host() {
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
        host = registerHost("security", "infrastructure", "pve-sec");
        reader = createKey("reader", host);
        month = new ReportMonth(host, "pve-sec");
    }

    @Test
    void givenAnAclChangeAndAChangedToken_thenFlaggedListedApartAndCoveredOnlyByASecurityRequest() {
        // given: user.cfg's baseline at 08:00, an ACL change through the API at 10:00, the collector finding the files
        // unchanged at 11:00, the token's expiry changed in user.cfg and pushed at 12:00; a request for the node covers
        // the whole morning
        Map<String, String> files = PveFiles.node();
        push(files, Instant.parse("2026-03-12T08:00:00Z"));
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.access("::ffff:192.0.2.10",
                        "root@pam", ACL_CHANGE.atOffset(ZoneOffset.UTC), "PUT", "/api2/json/access/acl", 200) + "\n")
                .post("/api/v1/hosts/" + host + "/ingest/access-log").then().statusCode(200);
        clock.set(Instant.parse("2026-03-12T11:00:00Z"));
        as(createKey("ingester", host)).contentType(ContentType.JSON).body(Map.of("collector", Map.of("version",
                "0.2.0"), "sources", List.of(Map.of("name", "config")))).post("/api/v1/hosts/" + host
                + "/ingest/heartbeat").then().statusCode(204);
        files.put("etc/pve/user.cfg", PveFiles.USER.replace("token:root@pam!ci:0:1::", "token:root@pam!ci:0:0::"));
        push(files, Instant.parse("2026-03-12T12:00:00Z"));
        String approver = createKey("approver", host);
        String submitter = createKey("submitter", host);
        String node = ChangeRequests.submit(submitter, ChangeRequests.body(host, "node",
                Instant.parse("2026-03-12T07:00:00Z"), Instant.parse("2026-03-12T13:00:00Z")));
        ChangeRequests.step(approver, node, "approve", Map.of("comment", "maintenance")).statusCode(200);
        settle();

        // then: both are security changes, both unplanned despite the node request
        JsonPath unplanned = as(reader).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .get("/api/v1/hosts/" + host + "/unplanned").then().statusCode(200).extract().jsonPath();
        assertThat(unplanned.getList("items.security", Boolean.class)).containsExactly(true, true);
        assertThat(unplanned.getList("security.eventId", String.class))
                .isEqualTo(unplanned.getList("items.eventId", String.class));
        assertThat(unplanned.getString("items[0].summary")).isEqualTo("PUT /api2/json/access/acl");
        assertThat(unplanned.getString("items[0].reason")).contains("only by a request for target 'security'");
        assertThat(unplanned.getString("items[1].summary")).startsWith("configuration of security changed: ");

        JsonPath report = month.json("2026-03");
        assertThat(report.getList("hosts[0].securityChanges.target", String.class))
                .containsExactly("security", "security");
        assertThat(report.getList("hosts[0].securityChanges.changeRequestId", String.class)).containsOnlyNulls();
        assertThat(report.getString("hosts[0].verdict")).isEqualTo("unplanned changes");
        assertThat(month.text("2026-03", "text/html")).contains("Security changes").contains("PUT /api2/json/access/acl");
        assertThat(month.text("2026-03", "text/markdown")).contains("### Security changes");
        assertThat(month.text("2026-03", "text/csv").lines().toList().get(0)).endsWith(",securityChanges,notes,replicationLags");

        JsonPath events = as(reader).queryParam("host", host).queryParam("type", "ApiChangeObserved")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertThat(events.getBoolean("items[0].security")).isTrue();
        JsonPath baselines = as(reader).queryParam("host", host).queryParam("type", "ConfigBaselineRecorded")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertThat(baselines.getList("items", Map.class)).isNotEmpty().allMatch(e -> !e.containsKey("security"));

        // when: a request for security covers the morning
        String security = ChangeRequests.submit(submitter, ChangeRequests.body(host, "security",
                Instant.parse("2026-03-12T09:30:00Z"), Instant.parse("2026-03-12T11:50:00Z")));
        ChangeRequests.step(approver, security, "approve", Map.of("comment", "rotate the CI token")).statusCode(200);

        // then (once the change request list has taken the approval)
        settle();
        JsonPath covered = month.json("2026-03");
        assertThat(covered.getList("hosts[0].unplanned", Map.class)).isEmpty();
        assertThat(covered.getList("hosts[0].securityChanges.changeRequestId", String.class))
                .containsExactly(security, security);
        assertThat(covered.getString("hosts[0].verdict")).isEqualTo("within budget");
    }

    private void settle() {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
    }

    private void push(Map<String, String> files, Instant at) {
        clock.set(at);
        as(createKey("ingester", host)).contentType("application/x-tar").body(Tars.of(files))
                .post("/api/v1/hosts/" + host + "/ingest/config").then().statusCode(200);
    }
}
