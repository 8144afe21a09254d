package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day of a real node's access log beside its task index (fixtures in {@code proxmox/access-linking/}): a call is
 * the trace of a task only when it spawned that task, so synchronous config updates, firewall and node settings count
 * as changes however close a start, a console or an {@code apt update} lies, and calls that change nothing count
 * nowhere. The stats and the unplanned list say the same whichever file arrives first.
 */
@QuarkusTest
class AccessLinkingScenarioTest {

    private static final String DAY = "from=2026-10-14&to=2026-10-15";

    private String host;
    private String ingester;
    private String reader;

    @BeforeEach
    void host() {
        host = registerHost("linking", "infrastructure", "pve-infra");
        ingester = createKey("ingester", host);
        reader = createKey("reader", host);
    }

    @Test
    void givenTheAccessLogFirst_whenTheTasksArrive_thenSevenUnplannedChangesOneStartAndNoDoubles() {
        JsonPath access = upload("access-log", "access.log");
        assertThat(access.getInt("accepted")).isEqualTo(9);
        assertThat(access.getInt("ignored")).isEqualTo(4);
        assertThat(access.getList("rejected")).isEmpty();
        upload("task-index", "index");
        awaitTheDay();
    }

    @Test
    void givenTheTasksFirst_whenTheAccessLogArrives_thenTheSameDay() {
        upload("task-index", "index");
        upload("access-log", "access.log");
        awaitTheDay();
    }

    private void awaitTheDay() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Integer> counts = as(reader).get("/api/v1/hosts/" + host + "/stats?" + DAY + "&bucket=day")
                    .then().statusCode(200).extract().jsonPath().getMap("buckets[0].counts");
            assertThat(counts).containsEntry("change", 7).containsEntry("start", 1).containsEntry("routine", 1)
                    .containsEntry("access", 1).containsEntry("disruptive", 0);
            List<String> unplanned = as(reader).get("/api/v1/hosts/" + host + "/unplanned?" + DAY).then()
                    .statusCode(200).extract().jsonPath().getList("items.summary");
            assertThat(unplanned).containsExactly(
                    "PUT /api2/json/nodes/pve-infra/qemu/101/config",
                    "PUT /api2/extjs/cluster/firewall/options",
                    "PUT /api2/extjs/nodes/pve-infra/dns",
                    "PUT /api2/extjs/nodes/pve-infra/time",
                    "PUT /api2/extjs/cluster/options",
                    "POST /api2/extjs/nodes/pve-infra/network",
                    "PUT /api2/extjs/access/acl");
        });
    }

    private JsonPath upload(String source, String file) {
        return as(ingester).contentType("text/plain").body(fixture(file))
                .post("/api/v1/hosts/" + host + "/ingest/" + source).then().statusCode(200).extract().jsonPath();
    }

    private static byte[] fixture(String file) {
        try (InputStream in = AccessLinkingScenarioTest.class.getResourceAsStream("/proxmox/access-linking/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
