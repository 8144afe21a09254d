package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.ProxmoxFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node's {@code /var/log/pve/tasks/active} ({@code proxmox/tasks/}, see its README for the Proxmox sources): running
 * and finished tasks arrive through the task-file upload, become the host's tasks and windows, and the API's answer
 * of the same moment adds nothing.
 */
@QuarkusTest
class ActiveTaskFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOVEMBER = "from=2026-11-01&to=2026-12-01";

    private String host;
    private String ingester;
    private String reader;

    @BeforeEach
    void host() {
        host = registerHost("active", "infrastructure", "pve-infra");
        ingester = createKey("ingester", host);
        reader = createKey("reader", host);
    }

    @Test
    void givenTheActiveFile_whenUploaded_thenItsRunningAndFinishedTasksWithTheirWindows() {
        as(ingester).contentType("text/plain").body(ProxmoxFixtures.text("tasks/active"))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(14)).body("duplicates", equalTo(0)).body("rejectedCount", equalTo(0));

        List<JsonNode> tasks = awaitItems("/tasks?limit=100", 14);
        assertThat(tasks).extracting(t -> t.get("type").asText() + " " + t.get("guest").asText("-")).containsExactly(
                "vzdump -", "aptupdate -", "qmsnapshot 110", "qmshutdown 110", "qmstop 110", "qmstart 110",
                "vzsnapshot 111", "vzshutdown 111", "vzstart 111", "srvreload networking", "vncproxy 110", "vncshell -",
                "vncproxy 110", "vzdump 111");
        assertThat(tasks).filteredOn(t -> t.get("running").asBoolean()).extracting(t -> t.get("type").asText())
                .containsExactly("vncshell", "vncproxy", "vzdump");
        assertThat(tasks).filteredOn(t -> t.get("running").asBoolean())
                .allSatisfy(t -> assertThat(t.get("end").isNull()).isTrue());
        JsonNode shutdown = tasks.get(3);
        assertThat(shutdown.get("failed").asBoolean()).isTrue();
        assertThat(shutdown.get("status").asText()).isEqualTo("VM quit/powerdown failed - got timeout");
        assertThat(shutdown.get("durationSeconds").asLong()).isEqualTo(60);
        assertThat(tasks).filteredOn(t -> t.get("failed").asBoolean(false)).hasSize(1);
        assertThat(tasks.get(0).get("start").asText()).isEqualTo("2026-11-17T02:00:01Z");
        assertThat(tasks.get(0).get("end").asText()).isEqualTo("2026-11-17T02:14:37Z");
        assertThat(tasks.get(6).get("user").asText()).as("the UPID's user, token included")
                .isEqualTo("terraform@pve!tf");

        List<JsonNode> windows = awaitItems("/disruptions?" + NOVEMBER, 4);
        assertThat(windows).extracting(w -> String.join("|", w.get("target").asText(), w.get("cause").asText(),
                w.get("start").asText(), w.get("end").asText(), w.get("failed").asText())).containsExactly(
                "110|qmshutdown|2026-11-17T08:05:30Z|2026-11-17T08:05:30Z|true",
                "110|qmstop|2026-11-17T08:08:41Z|2026-11-17T08:09:04Z|false",
                "111|vzshutdown|2026-11-17T08:40:30Z|2026-11-17T08:40:44Z|false",
                "service:networking|srvreload|2026-11-17T09:12:00Z|2026-11-17T09:12:03Z|false");
    }

    @Test
    void givenTheActiveFile_whenTheApiAnswerOfTheSameMomentAndTheFileAgainArrive_thenNothingTwice() {
        as(ingester).contentType("text/plain").body(ProxmoxFixtures.text("tasks/active"))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(14));

        as(ingester).contentType("application/json").body(ProxmoxFixtures.text("tasks/nodes-pve-infra-tasks.json"))
                .post("/api/v1/hosts/" + host + "/ingest/tasks").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(14)).body("rejectedCount", equalTo(0));
        as(ingester).contentType("text/plain").body(ProxmoxFixtures.text("tasks/active"))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(14));

        assertThat(awaitItems("/tasks?limit=100", 14)).extracting(t -> t.get("upid").asText())
                .doesNotHaveDuplicates();
    }

    private List<JsonNode> awaitItems(String pathAndQuery, int size) {
        List<List<JsonNode>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.add(0, items(pathAndQuery));
            return last.get(0).size() == size;
        });
        return last.get(0);
    }

    private List<JsonNode> items(String pathAndQuery) {
        String body = as(reader).get("/api/v1/hosts/" + host + pathAndQuery).then().statusCode(200).extract()
                .asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
