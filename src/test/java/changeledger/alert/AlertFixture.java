package changeledger.alert;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.UpidBuilder.upid;
import static org.awaitility.Awaitility.await;

import changeledger.support.TaskLines;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One host's uploads over real HTTP and its alerts as the API lists them. */
final class AlertFixture {

    private final String hostId;
    private final String node;
    private final String ingester;

    AlertFixture(String hostId, String node) {
        this.hostId = hostId;
        this.node = node;
        this.ingester = createKey("ingester", hostId);
    }

    String hostId() {
        return hostId;
    }

    /** A finished task's index line: started at {@code start} by root@pam, ended 20 s later. */
    String task(String type, String guest, Instant start, String status) {
        String upid = upid().node(node).type(type).id(guest).user("root@pam").startTime(start).text();
        return TaskLines.index(upid, start.plusSeconds(20), status);
    }

    /** Uploads task-index lines. */
    void tasks(String... lines) {
        as(ingester).contentType("text/plain").body(TaskLines.body(List.of(lines)))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200);
    }

    /** Uploads an access-log line of root@pam calling {@code method path} at {@code time}. */
    void call(String method, String path, Instant time) {
        as(ingester).contentType("text/plain").body(TaskLines.body(TaskLines.access("::ffff:192.0.2.10", "root@pam",
                        time.atOffset(ZoneOffset.UTC), method, path, 200)))
                .post("/api/v1/hosts/" + hostId + "/ingest/access-log").then().statusCode(200);
    }

    /** The host's alerts, as an admin lists them. */
    List<Map<String, Object>> alerts() {
        return alerts(asAdmin().queryParam("host", hostId).queryParam("limit", 1000)
                .get("/api/v1/alerts").then().statusCode(200).extract().jsonPath());
    }

    /** The host's alerts of one rule. */
    List<Map<String, Object>> alerts(String rule) {
        return alerts().stream().filter(a -> rule.equals(a.get("rule"))).toList();
    }

    /** Waits until the host's alerts of {@code rule} satisfy {@code condition}, and returns them. */
    List<Map<String, Object>> awaitAlerts(String rule, Predicate<List<Map<String, Object>>> condition) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> alerts(rule), condition);
    }

    /** The items of a page of alerts. */
    static List<Map<String, Object>> alerts(JsonPath page) {
        return page.getList("items");
    }
}
