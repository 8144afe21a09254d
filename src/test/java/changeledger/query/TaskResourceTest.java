package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.TaskLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/hosts/{id}/tasks} over real HTTP, on tasks ingested through the API. */
@QuarkusTest
class TaskResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-09-14T06:00:00Z");

    private String host;
    private String reader;
    private String running;

    /** Five tasks: a config change, a failed stop, a backup with warnings, a start, and a migration still running. */
    @BeforeEach
    void ingest() {
        host = registerHost("tasks", "infrastructure", "pve-tasks");
        reader = createKey("reader");
        running = upid("qmigrate", "102", "ops@pve", T0.plus(Duration.ofHours(4)));
        List<String> lines = List.of(
                TaskLines.index(upid("qmconfig", "101", "root@pam", T0), T0.plusSeconds(2), "OK"),
                TaskLines.index(upid("qmstop", "101", "ops@pve", T0.plus(Duration.ofHours(1))),
                        T0.plus(Duration.ofHours(1)).plusSeconds(30), "can't lock file"),
                TaskLines.index(upid("vzdump", "", "root@pam", T0.plus(Duration.ofHours(2))),
                        T0.plus(Duration.ofHours(2)).plusSeconds(600), "WARNINGS: 2"),
                TaskLines.index(upid("qmstart", "101", "root@pam", T0.plus(Duration.ofHours(3))),
                        T0.plus(Duration.ofHours(3)).plusSeconds(4), "OK"),
                TaskLines.activeRunning(running));
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> items().size() == 5
                && items().stream().filter(t -> t.get("end").isNull()).count() == 1);
    }

    @Test
    void givenTasks_whenListed_thenOneRowPerTaskInStartOrderWithItsFacts() {
        List<JsonNode> tasks = items();
        assertThat(tasks).extracting(t -> t.get("type").asText())
                .containsExactly("qmconfig", "qmstop", "vzdump", "qmstart", "qmigrate");
        JsonNode stop = tasks.get(1);
        assertThat(stop.get("upid").asText()).startsWith("UPID:pve-tasks:");
        assertThat(stop.get("start").asText()).isEqualTo("2026-09-14T07:00:00Z");
        assertThat(stop.get("end").asText()).isEqualTo("2026-09-14T07:00:30Z");
        assertThat(stop.get("durationSeconds").asLong()).isEqualTo(30);
        assertThat(stop.get("status").asText()).isEqualTo("can't lock file");
        assertThat(stop.get("class").asText()).isEqualTo("disruptive");
        assertThat(stop.get("guest").asText()).isEqualTo("101");
        assertThat(stop.get("user").asText()).isEqualTo("ops@pve");
        assertThat(stop.get("failed").asBoolean()).isTrue();
        assertThat(stop.get("running").asBoolean()).isFalse();
        assertThat(tasks.get(2).get("failed").asBoolean()).as("warnings are no failure").isFalse();
        assertThat(tasks.get(2).get("guest").isNull()).isTrue();
        JsonNode migrating = tasks.get(4);
        assertThat(migrating.get("upid").asText()).isEqualTo(running);
        assertThat(migrating.get("running").asBoolean()).isTrue();
        assertThat(migrating.get("status").isNull()).isTrue();
        assertThat(migrating.get("failed").isNull()).isTrue();
        assertThat(migrating.get("durationSeconds").asLong()).as("up to now").isPositive();
    }

    @Test
    void givenARunningTask_whenItsFinishComesLater_thenItsRowEnds() {
        Instant end = T0.plus(Duration.ofHours(4)).plusSeconds(95);
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(TaskLines.index(running, end,
                "migration aborted"))).post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> types("status", "running").isEmpty());
        JsonNode migration = items("type", "qmigrate").get(0);
        assertThat(migration.get("end").asText()).isEqualTo(end.toString());
        assertThat(migration.get("durationSeconds").asLong()).isEqualTo(95);
        assertThat(migration.get("status").asText()).isEqualTo("migration aborted");
        assertThat(migration.get("failed").asBoolean()).isTrue();
        assertThat(migration.get("running").asBoolean()).isFalse();
        assertThat(types("status", "failed")).containsExactly("qmstop", "qmigrate");
    }

    @Test
    void givenFilters_whenListed_thenEachNarrowsTheRows() {
        assertThat(types("status", "failed")).containsExactly("qmstop");
        assertThat(types("status", "running")).containsExactly("qmigrate");
        assertThat(types("status", "ok")).containsExactly("qmconfig", "vzdump", "qmstart");
        assertThat(types("type", "vzdump")).containsExactly("vzdump");
        assertThat(types("class", "start")).containsExactly("qmstart");
        assertThat(types("guest", "101")).containsExactly("qmconfig", "qmstop", "qmstart");
        assertThat(types("user", "ops@pve")).containsExactly("qmstop", "qmigrate");
        assertThat(types("from", T0.plus(Duration.ofHours(1)).toString(), "to", T0.plus(Duration.ofHours(3)).toString()))
                .containsExactly("qmstop", "vzdump");
        assertThat(types("guest", "101", "status", "ok", "user", "root@pam")).containsExactly("qmconfig", "qmstart");
    }

    @Test
    void givenASmallLimit_whenFollowingNext_thenEveryTaskOnceAndNoNextOnTheLastPage() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var request = as(reader).queryParam("limit", 2);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get(path());
            page.then().statusCode(200);
            List<String> upids = page.jsonPath().getList("items.upid");
            seen.addAll(upids);
            after = page.jsonPath().getString("next");
            if (after != null) {
                assertThat(after).isEqualTo(upids.get(upids.size() - 1));
                assertThat(page.header("Link")).contains("rel=\"next\"").contains("after=");
            } else {
                assertThat(page.header("Link")).isNull();
            }
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyElementsOf(items().stream().map(t -> t.get("upid").asText()).toList());
    }

    @Test
    void givenBadParameters_then400WithWhatToSend() {
        as(reader).queryParam("host", host).get(path()).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Unknown query parameter"));
        as(reader).queryParam("status", "done").get(path()).then().statusCode(400)
                .body("detail", containsString("[ok, failed, running]"));
        as(reader).queryParam("class", "manual").get(path()).then().statusCode(400);
        as(reader).queryParam("limit", 0).get(path()).then().statusCode(400);
        as(reader).queryParam("limit", 1001).get(path()).then().statusCode(400);
        as(reader).queryParam("after", "UPID:nope").get(path()).then().statusCode(400)
                .body("detail", containsString("'next' value"));
        as(reader).queryParam("from", "yesterday").get(path()).then().statusCode(400);
    }

    @Test
    void givenAKeyOfAnotherHost_thenTheHostIsNotFound() {
        String other = registerHost("tasks-other", "lab", "pve-other");
        as(createKey("reader", other)).get(path()).then().statusCode(404).contentType("application/problem+json");
        as(createKey("reader", host)).get(path()).then().statusCode(200).body("items.size()", equalTo(5));
        as(reader).get("/api/v1/hosts/no-such-host/tasks").then().statusCode(404);
    }

    private String path() {
        return "/api/v1/hosts/" + host + "/tasks";
    }

    private List<String> types(String... filters) {
        return items(filters).stream().map(t -> t.get("type").asText()).toList();
    }

    private List<JsonNode> items(String... filters) {
        var request = as(reader).queryParam("limit", 1000);
        for (int i = 0; i < filters.length; i += 2) {
            request.queryParam(filters[i], filters[i + 1]);
        }
        String body = request.get(path()).then().statusCode(200).extract().asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static String upid(String type, String guest, String user, Instant start) {
        return changeledger.support.UpidBuilder.upid().node("pve-tasks").type(type).id(guest).user(user)
                .startTime(start).text();
    }
}
