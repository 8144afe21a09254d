package changeledger.ingestion.pull;

import static changeledger.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import changeledger.support.ProxmoxFixtures;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = FakeProxmoxResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProxmoxPullTest {

    private static final String NODE = "pve-pull";

    FakeProxmoxApi api;

    @BeforeEach
    void hosts() {
        api.reset();
        for (String id : List.of(FakeProxmoxResource.OK, FakeProxmoxResource.BAD_PIN, FakeProxmoxResource.BAD_TOKEN,
                FakeProxmoxResource.PLAIN_HTTP, "pull-none")) {
            int status = asAdmin().contentType(ContentType.JSON)
                    .body(Map.of("id", id, "name", id, "role", "infrastructure", "node", NODE))
                    .post("/api/v1/hosts").statusCode();
            assertThat(status).isIn(201, 409);
        }
    }

    private static ObjectNode task(long start, String type, String id, Long end, String status) {
        UpidBuilder upid = UpidBuilder.upid().node(NODE).pid(4000 + start % 1000).startTime(Instant.ofEpochSecond(start))
                .type(type).id(id);
        return end == null ? TaskLines.apiRunning(upid) : TaskLines.apiFinished(upid, Instant.ofEpochSecond(end), status);
    }

    private io.restassured.response.ValidatableResponse sync(String host) {
        return asAdmin().post("/api/v1/hosts/" + host + "/sync").then();
    }

    @Test
    void givenTasksOnSeveralPages_whenSyncedTwice_thenEveryTaskOnceAndTheSecondSyncOverlaps() {
        long now = Instant.now().getEpochSecond();
        // the oldest task starts 30 s inside the hour the second sync looks back over, whenever the first one ran
        for (int i = 0; i < 7; i++) {
            api.add(task(now - 3570 + i * 60L, i % 2 == 0 ? "qmstart" : "vzdump", String.valueOf(100 + i),
                    now - 3570 + i * 60L + 20, "OK"));
        }
        api.add(task(now - 120, "qmigrate", "105", null, null));

        sync(FakeProxmoxResource.OK).statusCode(200)
                .body("items", equalTo(8)).body("result.accepted", equalTo(8)).body("result.duplicates", equalTo(0));
        List<URI> first = api.requests();
        assertThat(first).as("pages of 3 were followed").hasSize(3);
        assertThat(first).allSatisfy(uri -> assertThat(uri.getQuery()).contains("source=all"));
        assertThat(first).extracting(uri -> query(uri, "start")).containsExactly("0", "3", "6");

        api.add(task(now - 120, "qmigrate", "105", now - 30, "OK"));
        sync(FakeProxmoxResource.OK).statusCode(200)
                .body("result.accepted", equalTo(1)).body("result.duplicates", equalTo(7));
        long firstSince = Long.parseLong(query(first.get(0), "since"));
        long secondSince = Long.parseLong(query(api.requests().get(3), "since"));
        assertThat(secondSince).as("overlaps the previous sync by an hour").isLessThanOrEqualTo(now - 3600 + 60)
                .isGreaterThan(firstSince);

        var third = sync(FakeProxmoxResource.OK).statusCode(200).body("result.accepted", equalTo(0)).extract();
        assertThat(third.<Integer>path("result.duplicates")).as("everything seen again is a duplicate")
                .isEqualTo(third.<Integer>path("items")).isPositive();
        asAdmin().get("/api/v1/hosts/" + FakeProxmoxResource.OK).then()
                .body("sync.configured", equalTo(true)).body("sync.lastSuccess", notNullValue());
    }

    @Test
    void givenTheRecordedAnswerOfANode_whenSynced_thenItsTasksOnceEach_runningOnesRunning() {
        int status = asAdmin().contentType(ContentType.JSON).body(Map.of("id", FakeProxmoxResource.FIXTURE, "name",
                "pve-infra", "role", "infrastructure", "node", "pve-infra")).post("/api/v1/hosts").statusCode();
        assertThat(status).isIn(201, 409);
        api.answerTasks("pve-infra", ProxmoxFixtures.text("tasks/nodes-pve-infra-tasks.json"));

        sync(FakeProxmoxResource.FIXTURE).statusCode(200).body("items", equalTo(14))
                .body("result.accepted", equalTo(14)).body("result.rejectedCount", equalTo(0));
        assertThat(api.requests()).as("pages of 3 up to the answer's total")
                .allSatisfy(uri -> assertThat(uri.getPath()).isEqualTo("/api2/json/nodes/pve-infra/tasks"))
                .extracting(uri -> query(uri, "start")).containsExactly("0", "3", "6", "9", "12");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().queryParam("limit", 100)
                .get("/api/v1/hosts/" + FakeProxmoxResource.FIXTURE + "/tasks").then().statusCode(200)
                .body("items.size()", equalTo(14))
                .body("items.findAll { it.running }.type", contains("vncshell", "vncproxy", "vzdump"))
                .body("items.findAll { it.failed }.status", contains("VM quit/powerdown failed - got timeout"))
                .body("items.find { it.type == 'vzsnapshot' }.user", equalTo("terraform@pve!tf"))
                .body("items.find { it.type == 'vzdump' && !it.running }.end", equalTo("2026-11-17T02:14:37Z")));

        sync(FakeProxmoxResource.FIXTURE).statusCode(200).body("result.accepted", equalTo(0))
                .body("result.duplicates", equalTo(14));
    }

    @Test
    void givenWrongPinnedFingerprint_thenRefusedAndReportedOnTheHost() {
        sync(FakeProxmoxResource.BAD_PIN).statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("TLS")).body("detail", containsString("fingerprint"));

        assertThat(api.requests()).as("no request got past the handshake").isEmpty();
        asAdmin().get("/api/v1/hosts/" + FakeProxmoxResource.BAD_PIN).then()
                .body("sync.lastError", containsString("TLS")).body("sync.lastSuccess", nullValue());
    }

    @Test
    void givenWrongTokenSecret_then401IsReported_andOtherHostsStillSync() {
        sync(FakeProxmoxResource.BAD_TOKEN).statusCode(502).body("detail", containsString("401"));

        asAdmin().get("/api/v1/hosts/" + FakeProxmoxResource.BAD_TOKEN).then()
                .body("sync.lastError", containsString("token"));
        sync(FakeProxmoxResource.OK).statusCode(200);
        String ready = io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'proxmox-sync' }.data.configuredHosts", equalTo(9))
                .body("checks.find { it.name == 'proxmox-sync' }.data.failingHosts", greaterThanOrEqualTo(1))
                .extract().asString();
        assertThat(ready).as("open readiness names no host and no error").doesNotContain("pull-")
                .doesNotContain("401");
    }

    @Test
    void givenPlainHttpBaseUrl_thenRefusedBeforeTheTokenIsSent() {
        sync(FakeProxmoxResource.PLAIN_HTTP).statusCode(502).body("detail", containsString("https://"));

        assertThat(api.requests()).isEmpty();
    }

    @Test
    void givenHostWithoutApi_thenConflictSaysWhatToConfigure() {
        sync("pull-none").statusCode(409).body("detail", containsString("changeledger.proxmox.hosts.pull-none"));
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " missing in " + uri);
    }
}
