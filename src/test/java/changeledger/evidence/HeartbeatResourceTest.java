package changeledger.evidence;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The collector's heartbeat over real HTTP: who may send it, what a bad body gets, what it shows. */
@QuarkusTest
class HeartbeatResourceTest {

    private static Map<String, Object> heartbeat(Map<String, Object> source) {
        return Map.of("collector", Map.of("version", "0.2.0"), "sources", List.of(source));
    }

    private static String path(String hostId) {
        return "/api/v1/hosts/" + hostId + "/ingest/heartbeat";
    }

    @Test
    void givenAnotherHostsIngester_whenHeartbeat_thenForbidden() {
        String mine = registerHost("beat-mine", "lab", "pve-beat");
        String other = registerHost("beat-other", "lab", "pve-beat");
        String otherIngester = createKey("ingester", other);

        as(otherIngester).contentType(ContentType.JSON).body(heartbeat(Map.of("name", "task-index")))
                .post(path(mine)).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("may not ingest for host '" + mine + "'"));
        as(createKey("reader", mine)).contentType(ContentType.JSON).body(heartbeat(Map.of("name", "task-index")))
                .post(path(mine)).then().statusCode(403);
        assertThat(as(createKey("reader", mine)).get("/api/v1/hosts/" + mine + "/evidence").then().statusCode(200)
                .extract().jsonPath().getList("sources")).as("nothing recorded").isEmpty();
    }

    @Test
    void givenBadBodies_thenBadRequestNamingTheField() {
        String host = registerHost("beat-bad", "lab", "pve-beat");
        String ingester = createKey("ingester", host);

        as(ingester).contentType(ContentType.JSON).body(heartbeat(Map.of("name", "task-index", "lastLine", "x")))
                .post(path(host)).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'sources[0].lastLine'"));
        as(ingester).contentType(ContentType.JSON).body(heartbeat(Map.of("name", "task-log")))
                .post(path(host)).then().statusCode(400)
                .body("detail", allOf(containsString("'sources[0].name'"),
                        containsString("task-index, access-log, config, journal")));
        as(ingester).contentType(ContentType.JSON).body(heartbeat(Map.of("name", "pull")))
                .post(path(host)).then().statusCode(400).body("detail", containsString("'sources[0].name'"));
        as(ingester).contentType(ContentType.JSON)
                .body(heartbeat(Map.of("name", "task-index", "lastLineAt", "yesterday")))
                .post(path(host)).then().statusCode(400).body("detail", containsString("'sources[0].lastLineAt'"));
        as(ingester).contentType(ContentType.JSON).body(heartbeat(Map.of("name", "task-index", "possibleLoss",
                        Map.of("from", "2026-11-03T10:00:00Z", "to", "2026-11-03T09:00:00Z"))))
                .post(path(host)).then().statusCode(400)
                .body("detail", containsString("'sources[0].possibleLoss'"));
        as(ingester).contentType(ContentType.JSON).body(Map.of("sources", List.of(Map.of("name", "task-index"))))
                .post(path(host)).then().statusCode(400).body("detail", containsString("'collector.version'"));
        as(ingester).contentType(ContentType.JSON).body(Map.of("collector", Map.of("version", "1"), "sources",
                        List.of())).post(path(host)).then().statusCode(400)
                .body("detail", containsString("'sources'"));
        assertThat(as(createKey("reader", host)).get("/api/v1/hosts/" + host + "/evidence").then().statusCode(200)
                .extract().jsonPath().getList("sources")).as("nothing recorded").isEmpty();
    }

    @Test
    void givenHeartbeat_thenSourcesShowItsSignOfLife_andAPossibleLossIsOneGapEvenWhenSentTwice() {
        String host = registerHost("beat-ok", "lab", "pve-beat");
        String ingester = createKey("ingester", host);
        String reader = createKey("reader", host);
        Instant before = Instant.now();
        Map<String, Object> loss = Map.of("name", "task-index", "lastLineAt", "2026-11-03T10:05:00Z",
                "possibleLoss", Map.of("from", "2026-11-03T09:00:00Z", "to", "2026-11-03T10:00:00Z"));
        Map<String, Object> body = Map.of("collector", Map.of("version", "0.2.0"),
                "sources", List.of(loss, Map.of("name", "access-log")));

        as(ingester).contentType(ContentType.JSON).body(body).post(path(host)).then().statusCode(204);
        as(ingester).contentType(ContentType.JSON).body(body).post(path(host)).then().statusCode(204);

        JsonPath evidence = as(reader).queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/hosts/" + host + "/evidence").then().statusCode(200).extract().jsonPath();
        assertThat(evidence.getString("hostId")).isEqualTo(host);
        assertThat(evidence.getList("sources.name", String.class)).containsExactly("access-log", "task-index");
        assertThat(Instant.parse(evidence.getString("sources.find { it.name == 'task-index' }.lastSeenAt")))
                .isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(evidence.getString("sources.find { it.name == 'task-index' }.lastLineAt"))
                .isEqualTo("2026-11-03T10:05:00Z");
        assertThat(evidence.getString("sources.find { it.name == 'task-index' }.collectorVersion"))
                .isEqualTo("0.2.0");
        assertThat(evidence.getList("gaps", Map.class)).containsExactly(Map.of("source", "task-index",
                "from", "2026-11-03T09:00:00Z", "to", "2026-11-03T10:00:00Z"));

        as(reader).get("/api/v1/hosts/" + host).then().statusCode(200)
                .body("evidence.sources.name", hasItem("task-index"))
                .body("evidence.openGaps.size()", equalTo(0))
                .body("sync.configured", equalTo(false));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("changeledger_evidence_age_seconds\\{[^}]*host=\"" + host
                + "\"[^}]*source=\"task-index\"[^}]*} [0-9.E]+");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'evidence' }.status", equalTo("UP"));
    }
}
