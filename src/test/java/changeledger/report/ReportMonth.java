package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.UpidBuilder.upid;

import changeledger.support.TaskLines;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a host's month over real HTTP, as collectors and people do, and reads its report. */
final class ReportMonth {

    private final String hostId;
    private final String node;
    private final String reader;

    ReportMonth(String hostId, String node) {
        this.hostId = hostId;
        this.node = node;
        this.reader = createKey("reader", hostId);
    }

    /** A finished task's index line: started at {@code start} by {@code user}, ended 20 s later. */
    String task(String type, String guest, Instant start, String user, String status) {
        String upid = upid().node(node).type(type).id(guest).user(user).startTime(start).text();
        return TaskLines.index(upid, start.plusSeconds(20), status);
    }

    /** A pveproxy access-log line of root@pam calling this node's API path. */
    String call(String method, String path, Instant time) {
        return TaskLines.access("::ffff:192.0.2.10", "root@pam", time.atOffset(ZoneOffset.UTC), method,
                "/api2/json/nodes/" + node + "/" + path, 200);
    }

    /** Uploads task-index lines. */
    void tasks(String... lines) {
        upload("task-index", lines);
    }

    /** Uploads access-log lines. */
    void calls(String... lines) {
        upload("access-log", lines);
    }

    /** Records a manual change entry with a disruption. */
    void manualChange(String summary, Instant start, Instant end) {
        as(createKey("submitter", hostId)).contentType(ContentType.JSON).body(Map.of("kind", "change", "summary",
                summary, "occurredAt", start.toString(), "disruption", Map.of("start", start.toString(),
                        "end", end.toString()))).post("/api/v1/hosts/" + hostId + "/entries").then().statusCode(201);
    }

    /** The month's report as JSON. */
    JsonPath json(String month) {
        return as(reader).queryParam("host", hostId).get("/api/v1/reports/stability/" + month)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The month's report in another format ({@code text/html}, {@code text/markdown}, {@code text/csv}). */
    String text(String month, String accept) {
        return as(reader).accept(accept).queryParam("host", hostId).get("/api/v1/reports/stability/" + month)
                .then().statusCode(200).extract().asString();
    }

    private void upload(String source, String... lines) {
        as(createKey("ingester", hostId)).contentType("text/plain").body(TaskLines.body(new ArrayList<>(List.of(lines))))
                .post("/api/v1/hosts/" + hostId + "/ingest/" + source).then().statusCode(200);
    }
}
