package changeledger.security;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.createKeyWithId;
import static changeledger.support.Api.registerHost;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.EventStore;
import changeledger.eventstore.GlobalCursor;
import changeledger.support.Api;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint under every kind of caller, with the exact status expected. The callers are
 * columns; each row is one endpoint on the infrastructure host ({@code infra}) with the statuses in
 * column order. {@code lab} callers are limited to the lab host.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final List<String> CALLERS = List.of("none", "unknown", "revoked", "reader", "submitter",
            "approver", "admin", "adminLab", "readerLab", "ingesterLab", "ingesterInfra");

    /** endpoint -> statuses per caller, in the order of {@link #CALLERS}. */
    private static final Map<String, int[]> MATRIX = new LinkedHashMap<>();

    static {
        //                                              none unk  rev  read sub  appr adm  admL rdL  ingL ingI
        MATRIX.put("POST /api/v1/api-keys", new int[] {401, 401, 401, 403, 403, 403, 201, 403, 403, 403, 403});
        MATRIX.put("GET /api/v1/api-keys", new int[] {401, 401, 401, 403, 403, 403, 200, 403, 403, 403, 403});
        MATRIX.put("DELETE /api/v1/api-keys/nope", new int[] {401, 401, 401, 403, 403, 403, 404, 403, 403, 403, 403});
        MATRIX.put("POST /api/v1/hosts", new int[] {401, 401, 401, 403, 403, 403, 201, 403, 403, 403, 403});
        MATRIX.put("GET /api/v1/hosts", new int[] {401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403});
        MATRIX.put("GET /api/v1/hosts/{infra}", new int[] {401, 401, 401, 200, 200, 200, 200, 404, 404, 403, 403});
        MATRIX.put("PUT /api/v1/hosts/{infra}/policy", new int[] {401, 401, 401, 403, 403, 403, 200, 404, 403, 403, 403});
        MATRIX.put("PUT /api/v1/hosts/{infra}/cluster", new int[] {401, 401, 401, 403, 403, 403, 200, 404, 403, 403, 403});
        MATRIX.put("POST /api/v1/hosts/{infra}/ingest/task-index",
                new int[] {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 200});
        MATRIX.put("POST /api/v1/hosts/{infra}/ingest/tasks",
                new int[] {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 200});
        MATRIX.put("POST /api/v1/hosts/{infra}/ingest/access-log",
                new int[] {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 200});
        MATRIX.put("POST /api/v1/hosts/{infra}/ingest/pve-notification",
                new int[] {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 200});
        MATRIX.put("POST /api/v1/hosts/{infra}/sync", new int[] {401, 401, 401, 403, 403, 403, 409, 404, 403, 403, 403});
        MATRIX.put("GET /api/v1/admin/processors", new int[] {401, 401, 401, 403, 403, 403, 200, 403, 403, 403, 403});
        MATRIX.put("POST /api/v1/admin/processors/nope/replay",
                new int[] {401, 401, 401, 403, 403, 403, 404, 403, 403, 403, 403});
        MATRIX.put("GET /api/v1/events/checkpoint", new int[] {401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403});
        MATRIX.put("GET /api/v1/events/verify", new int[] {401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403});
        MATRIX.put("GET /api/v1/hosts/{infra}/stats", new int[] {401, 401, 401, 200, 200, 200, 200, 404, 404, 403, 403});
        MATRIX.put("GET /api/v1/clusters", new int[] {401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403});
        MATRIX.put("GET /api/v1/hosts/{infra}/tasks", new int[] {401, 401, 401, 200, 200, 200, 200, 404, 404, 403, 403});
        // a stream that opens would not end: a bad filter shows who passes the role check (400) and who does not
        MATRIX.put("GET /api/v1/events/stream?class=bogus",
                new int[] {401, 401, 401, 400, 400, 400, 400, 400, 400, 403, 403});
    }

    @Inject
    EventStore store;

    private String infra;
    private String lab;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeEach
    void callers() {
        infra = registerHost("infra", "infrastructure", "pve-infra");
        lab = registerHost("lab", "lab", "pve-lab");
        tokens.put("unknown", "clk_thisKeyWasNeverIssuedToAnyoneAtAllxxxxxxxxxxxxxx");
        Map<String, String> revoked = createKeyWithId("admin");
        asAdmin().delete("/api/v1/api-keys/" + revoked.get("id")).then().statusCode(204);
        tokens.put("revoked", revoked.get("token"));
        tokens.put("reader", createKey("reader"));
        tokens.put("submitter", createKey("submitter"));
        tokens.put("approver", createKey("approver"));
        tokens.put("admin", createKey("admin"));
        tokens.put("adminLab", createKey("admin", lab));
        tokens.put("readerLab", createKey("reader", lab));
        tokens.put("ingesterLab", createKey("ingester", lab));
        tokens.put("ingesterInfra", createKey("ingester", infra));
    }

    @Test
    void everyEndpointAnswersEveryCallerWithTheExactStatus() {
        Map<String, String> mismatches = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> row : MATRIX.entrySet()) {
            for (int c = 0; c < CALLERS.size(); c++) {
                String caller = CALLERS.get(c);
                int expected = row.getValue()[c];
                Response response = call(row.getKey(), caller);
                if (response.statusCode() != expected) {
                    mismatches.put(row.getKey() + " as " + caller, "expected " + expected + " got "
                            + response.statusCode() + " " + response.asString());
                }
                if (expected >= 400) {
                    assertThat(response.contentType()).as(row.getKey() + " as " + caller)
                            .startsWith("application/problem+json");
                }
                if (expected == 401) {
                    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void refusedRequestsStoreNothing() {
        GlobalCursor before = store.safeHead().orElse(GlobalCursor.START);
        for (String endpoint : MATRIX.keySet()) {
            if (!endpoint.startsWith("GET")) {
                for (String caller : List.of("none", "revoked", "reader", "adminLab", "ingesterLab")) {
                    call(endpoint, caller);
                }
            }
        }
        assertThat(store.readAfter(before, 1000)).as("events stored by refused requests").isEmpty();
    }

    private Response call(String endpoint, String caller) {
        String[] parts = endpoint.split(" ", 2);
        String path = parts[1].replace("{infra}", infra);
        RequestSpecification request = caller.equals("none") ? given() : Api.as(tokens.get(caller));
        // every body would store events if the caller were allowed, so a refusal that still stores shows
        UpidBuilder task = UpidBuilder.upid().node("pve-infra").startTime(Instant.parse("2026-11-05T10:00:00Z"));
        if (path.endsWith("/ingest/task-index")) {
            request = request.contentType(ContentType.TEXT)
                    .body(TaskLines.index(task.text(), Instant.parse("2026-11-05T10:01:00Z"), "OK") + "\n");
        } else if (path.endsWith("/ingest/access-log")) {
            request = request.contentType(ContentType.TEXT).body(TaskLines.access("::ffff:192.0.2.1", "root@pam",
                    OffsetDateTime.parse("2026-11-05T10:00:00+01:00"), "PUT",
                    "/api2/json/nodes/pve-infra/qemu/101/config", 200) + "\n");
        } else if (path.endsWith("/ingest/pve-notification")) {
            request = request.contentType(ContentType.JSON).body("{\"title\":\"New software packages available\","
                    + "\"message\":\"\",\"severity\":\"info\",\"timestamp\":1793872800,"
                    + "\"fields\":{\"type\":\"package-updates\",\"hostname\":\"pve-infra\"}}");
        } else if (path.endsWith("/ingest/tasks")) {
            request = request.contentType(ContentType.JSON).body("[" + TaskLines.apiRunning(task.id("102")) + "]");
        } else if (parts[0].equals("PUT") || path.equals("/api/v1/hosts") || path.equals("/api/v1/api-keys")) {
            request = request.contentType(ContentType.JSON).body(body(path));
        }
        return request.request(parts[0], path);
    }

    private String body(String path) {
        if (path.equals("/api/v1/api-keys")) {
            return "{\"name\":\"matrix\",\"role\":\"reader\",\"hosts\":[\"" + lab + "\"]}";
        }
        if (path.equals("/api/v1/hosts")) {
            return "{\"id\":\"" + Api.uniqueHostId("m") + "\",\"name\":\"M\",\"role\":\"lab\",\"node\":\"pve-m\"}";
        }
        if (path.endsWith("/policy")) {
            return "{\"requireChangeRequests\":true,\"monthlyChangeBudget\":5,\"monthlyDisruptionMinutes\":30}";
        }
        return "{\"cluster\":\"c9\"}";
    }
}
