package changeledger.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.domain.EventClass;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} is the API reference: every filter of the query endpoints, every problem response each
 * operation can give (as {@code application/problem+json} with the problem schema), and the API key scheme.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> READ = Set.of("400", "401", "403", "404", "503");
    private static final Set<String> READ_ALL = Set.of("400", "401", "403", "503");
    private static final Set<String> WRITE = Set.of("400", "401", "403", "404", "409", "413", "415", "503");
    private static final Set<String> UPLOAD = Set.of("400", "401", "403", "404", "413", "415", "422", "503");

    /** What each operation under {@code /api/v1} can answer besides success. */
    private static final Map<String, Set<String>> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("GET /api/v1/admin/processors", READ_ALL);
        PROBLEMS.put("GET /api/v1/alerts", READ);
        PROBLEMS.put("POST /api/v1/alerts/test", Set.of("401", "403", "503"));
        PROBLEMS.put("POST /api/v1/admin/processors/{name}/replay", Set.of("400", "401", "403", "404", "409", "503"));
        PROBLEMS.put("GET /api/v1/api-keys", READ_ALL);
        PROBLEMS.put("POST /api/v1/api-keys", Set.of("400", "401", "403", "413", "415", "503"));
        PROBLEMS.put("DELETE /api/v1/api-keys/{id}", Set.of("400", "401", "403", "404", "409", "503"));
        PROBLEMS.put("POST /api/v1/change-requests", Set.of("400", "401", "403", "404", "413", "415", "503"));
        PROBLEMS.put("GET /api/v1/change-requests", READ);
        PROBLEMS.put("GET /api/v1/change-requests/{id}", READ);
        for (String step : List.of("approve", "reject", "start", "complete", "cancel", "reschedule")) {
            PROBLEMS.put("POST /api/v1/change-requests/{id}/" + step, WRITE);
        }
        PROBLEMS.put("GET /api/v1/events", READ);
        PROBLEMS.put("GET /api/v1/events/stream", READ);
        PROBLEMS.put("GET /api/v1/events/verify", READ_ALL);
        PROBLEMS.put("GET /api/v1/events/checkpoint", READ_ALL);
        PROBLEMS.put("POST /api/v1/hosts", Set.of("400", "401", "403", "409", "413", "415", "503"));
        PROBLEMS.put("GET /api/v1/hosts", READ_ALL);
        PROBLEMS.put("GET /api/v1/hosts/{id}", READ);
        PROBLEMS.put("PUT /api/v1/hosts/{id}/policy", WRITE);
        PROBLEMS.put("PUT /api/v1/hosts/{id}/cluster", WRITE);
        PROBLEMS.put("GET /api/v1/hosts/{id}/stats", READ);
        PROBLEMS.put("GET /api/v1/hosts/{id}/disruptions", READ);
        PROBLEMS.put("GET /api/v1/hosts/{id}/tasks", READ);
        PROBLEMS.put("GET /api/v1/hosts/{id}/unplanned", READ);
        PROBLEMS.put("GET /api/v1/hosts/{id}/evidence", READ);
        PROBLEMS.put("GET /api/v1/hosts/{id}/guests", READ);
        PROBLEMS.put("GET /api/v1/hosts/{id}/entries", READ);
        PROBLEMS.put("POST /api/v1/hosts/{id}/entries", WRITE);
        PROBLEMS.put("GET /api/v1/hosts/{id}/entries/{entryId}", READ);
        PROBLEMS.put("POST /api/v1/hosts/{id}/entries/{entryId}/retract", WRITE);
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/task-index", UPLOAD);
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/tasks", UPLOAD);
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/access-log", UPLOAD);
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/journal", UPLOAD);
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/pve-notification", UPLOAD);
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/config", Set.of("400", "401", "403", "404", "413", "415", "503"));
        PROBLEMS.put("POST /api/v1/hosts/{id}/ingest/heartbeat",
                Set.of("400", "401", "403", "404", "413", "415", "503"));
        PROBLEMS.put("POST /api/v1/hosts/{id}/sync", Set.of("400", "401", "403", "404", "409", "502", "503"));
        PROBLEMS.put("POST /api/v1/clusters/{name}/sync", Set.of("400", "401", "403", "409", "502", "503"));
        PROBLEMS.put("GET /api/v1/clusters/{name}/sync", READ);
        PROBLEMS.put("GET /api/v1/reports/stability/{month}", READ);
        PROBLEMS.put("GET /api/v1/clusters", READ_ALL);
        PROBLEMS.put("GET /api/v1/clusters/{name}", READ);
        PROBLEMS.put("GET /api/v1/clusters/{name}/stats", READ);
        PROBLEMS.put("GET /api/v1/clusters/{name}/disruptions", READ);
        PROBLEMS.put("GET /api/v1/clusters/{name}/unplanned", READ);
    }

    /** The query parameters of the operations that take some; every other operation takes none. */
    private static final Map<String, Set<String>> QUERY = Map.ofEntries(
            Map.entry("GET /api/v1/events", Set.of("host", "type", "class", "actor", "source", "guest",
                    "correlationId", "from", "to", "after", "limit")),
            Map.entry("GET /api/v1/events/stream", Set.of("host", "type", "class", "actor", "source", "guest",
                    "correlationId", "from", "to", "after")),
            Map.entry("GET /api/v1/events/verify", Set.of("checkpointPosition", "checkpointHash")),
            Map.entry("GET /api/v1/hosts/{id}/stats", Set.of("from", "to", "bucket")),
            Map.entry("GET /api/v1/hosts/{id}/disruptions", Set.of("from", "to")),
            Map.entry("GET /api/v1/hosts/{id}/unplanned", Set.of("from", "to")),
            Map.entry("GET /api/v1/hosts/{id}/evidence", Set.of("from", "to")),
            Map.entry("GET /api/v1/hosts/{id}/tasks", Set.of("type", "class", "status", "guest", "user", "from",
                    "to", "after", "limit")),
            Map.entry("GET /api/v1/hosts/{id}/entries", Set.of("kind", "from", "to", "after", "limit")),
            Map.entry("GET /api/v1/alerts", Set.of("host", "after", "limit")),
            Map.entry("GET /api/v1/change-requests", Set.of("host", "status", "from", "to")),
            Map.entry("GET /api/v1/reports/stability/{month}", Set.of("host", "cluster")),
            Map.entry("GET /api/v1/clusters/{name}/stats", Set.of("from", "to", "bucket")),
            Map.entry("GET /api/v1/clusters/{name}/disruptions", Set.of("from", "to")),
            Map.entry("GET /api/v1/clusters/{name}/unplanned", Set.of("from", "to")),
            Map.entry("DELETE /api/v1/api-keys/{id}", Set.of("reason")));

    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        document = JSON.readTree(given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void givenTheDocument_thenTheEventsAndStatsFiltersAreListed() {
        assertThat(queryParameters("GET /api/v1/events")).containsExactlyInAnyOrder("host", "type", "class", "actor",
                "source", "guest", "correlationId", "from", "to", "after", "limit");
        assertThat(queryParameters("GET /api/v1/hosts/{id}/stats")).containsExactlyInAnyOrder("from", "to",
                "bucket");
    }

    @Test
    void givenTheDocument_thenTheClassFilterOffersEveryEventClass() {
        JsonNode eventClass = null;
        for (JsonNode parameter : operation("GET /api/v1/events").path("parameters")) {
            if (resolve(parameter).path("name").asText().equals("class")) {
                eventClass = resolve(parameter);
            }
        }
        assertThat(eventClass).isNotNull();
        assertThat(eventClass.path("schema").path("enum")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(EventClass.names(List.of(EventClass.values())));
    }

    @Test
    void givenTheDocument_thenOnlyTheApiIsDocumented() {
        assertThat(names(document.path("paths"))).allMatch(path -> path.startsWith("/api/v1/"));
    }

    @Test
    void givenTheDocument_thenEveryQueryEndpointListsItsParameters() {
        for (String operation : operations()) {
            assertThat(queryParameters(operation)).as(operation)
                    .containsExactlyInAnyOrderElementsOf(QUERY.getOrDefault(operation, Set.of()));
        }
    }

    @Test
    void givenTheDocument_thenEveryOperationListsTheProblemsItCanAnswer() {
        assertThat(operations()).as("every operation under /api/v1 is in the table, and every one of the table "
                + "is in the document").containsExactlyInAnyOrderElementsOf(PROBLEMS.keySet());
        PROBLEMS.forEach((operation, codes) -> {
            JsonNode responses = operation(operation).path("responses");
            Set<String> problems = new TreeSet<>();
            responses.fieldNames().forEachRemaining(code -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    problems.add(code);
                }
            });
            assertThat(problems).as(operation).containsExactlyInAnyOrderElementsOf(codes);
            for (String code : codes) {
                JsonNode content = resolve(responses.path(code)).path("content");
                assertThat(content.has(Problem.MEDIA_TYPE)).as(operation + " " + code + " is a problem document")
                        .isTrue();
                assertThat(content.path(Problem.MEDIA_TYPE).path("schema").path("$ref").asText())
                        .as(operation + " " + code).isEqualTo("#/components/schemas/Problem");
            }
        });
    }

    @Test
    void givenTheDocument_thenTheProblemSchemaHasTheRfc9457Members() {
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(names(problem.path("properties"))).contains("type", "title", "status", "detail", "instance");
        assertThat(problem.path("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("type", "title", "status", "detail");
    }

    @Test
    void givenTheDocument_thenOperationsNeedAnApiKeySentAsABearerToken() {
        JsonNode scheme = document.path("components").path("securitySchemes").path(ApiDocument.API_KEY);
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).doesNotContainIgnoringCase("jwt").containsIgnoringCase(
                "API key");
        for (String operation : operations()) {
            assertThat(operation(operation).path("security").toString()).as(operation).contains(ApiDocument.API_KEY);
        }
    }

    private List<String> operations() {
        List<String> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (String method : List.of("get", "post", "put", "delete", "patch")) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private JsonNode operation(String operation) {
        String[] parts = operation.split(" ", 2);
        JsonNode node = document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
        assertThat(node.isMissingNode()).as(operation + " is in the document").isFalse();
        return node;
    }

    private List<String> queryParameters(String operation) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : operation(operation).path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("in").asText().equals("query")) {
                names.add(resolved.path("name").asText());
            }
        }
        return names;
    }

    /** A node, or the component its {@code $ref} names. */
    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.isEmpty()) {
            return node;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        assertThat(target.isMissingNode()).as(ref + " resolves").isFalse();
        return target;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
