package changeledger.ingestion.pull;

import static changeledger.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import changeledger.support.ProxmoxFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replication runs and lags from each pulled node's replication status (ADR 0066), against the fake Proxmox API over
 * real HTTPS: the recorded status of {@code proxmox/replication/}, every time shifted so that it is read now.
 */
@QuarkusTest
@WithTestResource(value = FakeProxmoxResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReplicationPullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** When the recorded status was read (its README). */
    private static final long RECORDED_AT = 1796113800L;

    FakeProxmoxApi api;

    @BeforeEach
    void hosts() {
        api.reset();
        for (String[] host : List.of(new String[] {FakeProxmoxResource.REPLICATION, "pve-repl"},
                new String[] {FakeProxmoxResource.REPLICATION_MONTH, "pve-repm"},
                new String[] {FakeProxmoxResource.REPLICATION_NONE, "pve-repn"})) {
            int status = asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", host[0], "name", host[0], "role", "infrastructure", "node", host[1]))
                    .post("/api/v1/hosts").statusCode();
            assertThat(status).isIn(201, 409);
        }
    }

    /** The recorded jobs {@code ids}, every time moved by {@code shift} seconds (0 stays 0: never). */
    private static ArrayNode recorded(long shift, String... ids) throws Exception {
        ArrayNode jobs = JSON.createArrayNode();
        for (JsonNode item : JSON.readTree(ProxmoxFixtures.text("replication/nodes-pve-a-replication.json"))
                .path("data")) {
            if (List.of(ids).contains(item.path("id").asText())) {
                ObjectNode job = item.deepCopy();
                for (String field : List.of("last_try", "last_sync", "next_sync")) {
                    if (job.path(field).asLong() > 0 && !job.path("disable").asBoolean(false)) {
                        job.put(field, job.path(field).asLong() + shift);
                    }
                }
                jobs.add(job);
            }
        }
        return jobs;
    }

    private static JsonPath sync(String host) {
        return asAdmin().post("/api/v1/hosts/" + host + "/sync").then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> replicationRows(String host, String... query) {
        var request = asAdmin().queryParam("type", "replication").queryParam("limit", 1000);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    @Test
    void givenTwoJobsOneFailing_whenPulled_thenTwoRowsWithTheirStatus_againNothing_andANewLastTryOneMoreRun()
            throws Exception {
        long shift = Instant.now().getEpochSecond() - RECORDED_AT;
        String host = FakeProxmoxResource.REPLICATION;
        api.put("/nodes/pve-repl/replication", recorded(shift, "100-0", "101-0"));
        Instant okStart = Instant.ofEpochSecond(1796112900L + shift);
        Instant failedStart = Instant.ofEpochSecond(1796113500L + shift);

        JsonPath first = sync(host);
        assertThat(first.getInt("replication.jobs")).isEqualTo(2);
        assertThat(first.getInt("replication.runs")).isEqualTo(2);
        assertThat(first.getInt("replication.lags")).as("101-0 failed twice in a row").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replicationRows(host)).hasSize(2));

        Map<String, Object> ok = replicationRows(host, "guest", "100").get(0);
        assertThat(ok).containsEntry("upid", "100-0@" + okStart.getEpochSecond()).containsEntry("type", "replication")
                .containsEntry("start", okStart.toString())
                .containsEntry("end", okStart.plusMillis(3418).toString())
                .containsEntry("status", "OK").containsEntry("failed", false).containsEntry("running", false)
                .containsEntry("class", "routine").containsEntry("user", "root@pam");
        List<Map<String, Object>> failed = replicationRows(host, "status", "failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).containsEntry("upid", "101-0@" + failedStart.getEpochSecond())
                .containsEntry("guest", "101").containsEntry("start", failedStart.toString())
                .containsEntry("end", failedStart.plusMillis(1207).toString())
                .containsEntry("status", "prepare remote node failed - no result").containsEntry("failed", true);
        assertThat(replicationRows(host, "status", "ok")).extracting(row -> row.get("guest")).containsExactly("100");
        assertThat(replicationRows(host, "class", "change")).as("a run is no change").isEmpty();

        JsonPath again = sync(host);
        assertThat(again.getInt("replication.runs")).isZero();
        assertThat(again.getInt("replication.lags")).isZero();
        assertThat(again.getInt("replication.duplicates")).as("two runs and one lag reading").isEqualTo(3);

        // 100-0 ran again 15 minutes later, in 2.5 s
        ArrayNode later = recorded(shift, "100-0", "101-0");
        ((ObjectNode) later.get(0)).put("last_try", okStart.getEpochSecond() + 900)
                .put("last_sync", okStart.getEpochSecond() + 900).put("duration", 2.5)
                .put("next_sync", okStart.getEpochSecond() + 1800);
        api.put("/nodes/pve-repl/replication", later);
        JsonPath third = sync(host);
        assertThat(third.getInt("replication.runs")).isEqualTo(1);
        assertThat(third.getInt("replication.duplicates")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replicationRows(host)).hasSize(3));
        assertThat(replicationRows(host, "guest", "100")).extracting(row -> row.get("end"))
                .containsExactly(okStart.plusMillis(3418).toString(), okStart.plusSeconds(902).plusMillis(500)
                        .toString());
        String next = asAdmin().queryParam("type", "replication").queryParam("limit", 1)
                .get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200).extract().path("next");
        assertThat(next).as("a run's key pages like a UPID").isEqualTo("100-0@" + okStart.getEpochSecond());
        asAdmin().queryParam("type", "replication").queryParam("after", next)
                .get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200)
                .body("items[0].upid", equalTo("101-0@" + failedStart.getEpochSecond()));
    }

    @Test
    void givenTheRecordedStatusReadNow_thenTheMonthsReportListsTheFailingAndTheOverdueJob_notTheHealthyOnes()
            throws Exception {
        long shift = Instant.now().getEpochSecond() - RECORDED_AT;
        String host = FakeProxmoxResource.REPLICATION_MONTH;
        api.put("/nodes/pve-repm/replication", recorded(shift, "100-0", "101-0", "102-0", "103-0", "104-0"));

        Instant before = Instant.now();
        JsonPath outcome = sync(host);
        Instant after = Instant.now();
        assertThat(outcome.getInt("replication.jobs")).isEqualTo(5);
        assertThat(outcome.getInt("replication.runs")).as("100-0, 101-0, 102-0: 103-0 runs, 104-0 never ran")
                .isEqualTo(3);
        assertThat(outcome.getInt("replication.running")).isEqualTo(1);
        assertThat(outcome.getInt("replication.lags")).isEqualTo(2);

        String month = YearMonth.from(before.atZone(ZoneOffset.UTC)).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("host", host)
                .get("/api/v1/reports/stability/" + month).then().statusCode(200)
                .body("hosts[0].replicationLags.size()", equalTo(2)));
        JsonPath report = asAdmin().queryParam("host", host).get("/api/v1/reports/stability/" + month).then()
                .statusCode(200).extract().jsonPath();
        assertThat(report.getList("hosts[0].replicationLags.jobId")).containsExactly("101-0", "102-0");

        JsonPath failing = new JsonPath(JSON.writeValueAsString(report.getMap("hosts[0].replicationLags[0]")));
        assertThat(failing.getString("guest")).isEqualTo("101");
        assertThat(failing.getString("target")).isEqualTo("pve-c");
        assertThat(failing.getBoolean("failing")).isTrue();
        assertThat(failing.getBoolean("overdue")).isFalse();
        assertThat(failing.getInt("maxFailCount")).isEqualTo(2);
        assertThat(failing.getString("lastError")).isEqualTo("prepare remote node failed - no result");
        assertThat(failing.getString("lastSync")).isEqualTo(Instant.ofEpochSecond(1796108400L + shift).toString());
        assertThat(failing.getLong("longestLagMinutes")).as("read at 08:30, last synced at 07:00").isEqualTo(90);
        assertThat(Instant.parse(failing.getString("firstSeen"))).isBetween(before.minusSeconds(1), after);
        assertThat(failing.getInt("readings")).isEqualTo(1);

        JsonPath overdue = new JsonPath(JSON.writeValueAsString(report.getMap("hosts[0].replicationLags[1]")));
        assertThat(overdue.getBoolean("overdue")).isTrue();
        assertThat(overdue.getBoolean("failing")).isFalse();
        assertThat(overdue.getLong("longestLagMinutes")).as("read at 08:30, last synced at 07:15").isEqualTo(75);
        assertThat(overdue.getString("lastError")).isNull();

        String csv = asAdmin().accept("text/csv").queryParam("host", host).get("/api/v1/reports/stability/" + month)
                .then().statusCode(200).extract().asString();
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).endsWith(",101-0; 102-0");
        String markdown = asAdmin().accept("text/markdown").queryParam("host", host)
                .get("/api/v1/reports/stability/" + month).then().statusCode(200).extract().asString();
        assertThat(markdown).contains("Replication lagging behind its schedule").contains("101-0").contains("102-0")
                .doesNotContain("| 100-0 |");
        String html = asAdmin().accept("text/html").queryParam("host", host)
                .get("/api/v1/reports/stability/" + month).then().statusCode(200).extract().asString();
        assertThat(html).contains("prepare remote node failed - no result").contains("overdue");

        assertThat(sync(host).getInt("replication.lags")).as("the same states read again").isZero();
        assertThat(asAdmin().queryParam("host", host).get("/api/v1/reports/stability/" + month).then()
                .statusCode(200).extract().jsonPath().getInt("hosts[0].replicationLags[0].readings")).isEqualTo(1);
    }

    @Test
    void givenANodeWithoutTheReplicationStatus_orWithoutJobs_thenNothingIsStored_andTheSyncSucceeds() {
        String host = FakeProxmoxResource.REPLICATION_NONE;
        api.notServed("/nodes/pve-repn/replication");

        JsonPath outcome = sync(host);
        assertThat(outcome.getInt("replication.jobs")).isZero();
        assertThat(outcome.getInt("replication.runs")).isZero();
        asAdmin().get("/api/v1/hosts/" + host).then().body("sync.lastSuccess", notNullValue());

        api.reset();
        JsonPath empty = sync(host);
        assertThat(empty.getInt("replication.jobs")).isZero();
        assertThat(api.configRequests()).as("an empty list was read")
                .anyMatch(uri -> uri.getPath().equals("/api2/json/nodes/pve-repn/replication"));
        assertThat(replicationRows(host)).isEmpty();
    }
}
