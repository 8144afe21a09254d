package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events} over real HTTP, on events ingested through the API and indexed by the processor. */
@QuarkusTest
class EventQueryResourceTest {

    private static final Instant T0 = Instant.parse("2026-10-30T22:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private String infra;
    private String lab;
    private String reader;
    private String correlationId;

    /** Host infra: a config change, a stop and a backup of guest 101 (6 events); host lab: two starts (4 events). */
    @BeforeEach
    void ingest() {
        infra = registerHost("query-infra", "infrastructure", "pve-infra");
        lab = registerHost("query-lab", "lab", "pve-lab");
        reader = createKey("reader");
        correlationId = "corr-" + UUID.randomUUID();
        upload(infra, correlationId,
                task("pve-infra", "qmconfig", "101", "root@pam", T0),
                task("pve-infra", "qmstop", "101", "ops@pve!automation", T0.plus(Duration.ofHours(3))),
                task("pve-infra", "vzdump", "", "root@pam", T0.plus(Duration.ofDays(2))));
        upload(lab, null,
                task("pve-lab", "qmstart", "900", "root@pam", T0.plus(Duration.ofHours(1))),
                task("pve-lab", "qmstart", "901", "root@pam", T0.plus(Duration.ofHours(2))));
        await().atMost(Duration.ofSeconds(30)).until(() -> items("host", infra).size() == 7
                && items("host", lab).size() == 5);
    }

    @Nested
    class Filters {

        @Test
        void givenHostAndClass_whenQueried_thenOnlyThatHostsEventsOfTheClass() {
            List<JsonNode> events = items("host", infra, "class", "disruptive");
            assertThat(events).hasSize(2)
                    .allSatisfy(e -> {
                        assertThat(e.get("hostId").asText()).isEqualTo(infra);
                        assertThat(e.get("class").asText()).isEqualTo("disruptive");
                        assertThat(e.get("payload").get("type").asText()).isEqualTo("qmstop");
                        assertThat(e.get("actor").asText()).isEqualTo("ops@pve!automation");
                    });
            assertThat(events).extracting(e -> e.get("type").asText())
                    .containsExactly("ProxmoxTaskStarted", "ProxmoxTaskFinished");
        }

        @Test
        void givenTypeGuestActorAndCorrelation_whenQueried_thenEachNarrowsTheResult() {
            assertThat(items("host", infra, "type", "ProxmoxTaskStarted")).hasSize(3);
            assertThat(items("host", infra, "guest", "101")).hasSize(4)
                    .allSatisfy(e -> assertThat(e.get("guest").asText()).isEqualTo("101"));
            assertThat(items("host", infra, "actor", "ops@pve!automation")).hasSize(2);
            assertThat(items("correlationId", correlationId)).hasSize(6)
                    .allSatisfy(e -> assertThat(e.get("metadata").get("correlationId").asText()).isEqualTo(correlationId));
            assertThat(items("host", infra, "source", "task-index")).hasSize(6);
            assertThat(items("host", infra, "class", "start")).isEmpty();
        }

        @Test
        void givenTimeRange_whenQueried_thenFromIsInclusiveAndToExclusive() {
            assertThat(items("host", infra, "from", T0.toString(), "to", T0.plus(Duration.ofHours(3)).toString()))
                    .extracting(e -> e.get("payload").get("type").asText()).containsOnly("qmconfig");
            // a date is midnight in the service's time zone (UTC in tests): 2026-11-01 excludes the first two tasks
            assertThat(items("host", infra, "from", "2026-11-01", "to", "2026-11-20"))
                    .extracting(e -> e.get("payload").get("type").asText()).containsOnly("vzdump");
            assertThat(items("host", infra, "from", "2026-10-30T23:00:00+01:00", "to", "2026-11-01"))
                    .extracting(e -> e.get("payload").get("type").asText()).containsOnly("qmconfig", "qmstop");
        }

        @Test
        void givenHostRegistration_whenQueried_thenItIsAnEventOfTheHostWithoutClass() {
            List<JsonNode> registered = items("host", infra, "type", "HostRegistered");
            assertThat(registered).hasSize(1);
            assertThat(registered.get(0).get("aggregateType").asText()).isEqualTo("Host");
            assertThat(registered.get(0).get("class").isNull()).isTrue();
        }
    }

    @Nested
    class Paging {

        @Test
        void givenSmallLimit_whenFollowingNext_thenEveryEventOnceInGlobalOrderAndNoNextOnTheLastPage() {
            List<JsonNode> all = items("host", infra);
            List<Long> seen = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                var request = as(reader).queryParam("host", infra).queryParam("limit", 3);
                if (after != null) {
                    request.queryParam("after", after);
                }
                Response page = request.get("/api/v1/events");
                page.then().statusCode(200);
                page.jsonPath().getList("items.position", Long.class).forEach(seen::add);
                after = page.jsonPath().getString("next");
                if (after != null) {
                    assertThat(page.header("Link")).contains("after=" + after).contains("host=" + infra)
                            .endsWith("; rel=\"next\"");
                } else {
                    assertThat(page.header("Link")).isNull();
                }
                pages++;
            } while (after != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactlyElementsOf(all.stream().map(e -> e.get("position").asLong()).toList())
                    .doesNotHaveDuplicates();
        }

        @Test
        void givenTimeRangeOverSeveralMonths_whenFollowingNext_thenTheMonthsMergeInGlobalOrder() {
            List<Long> expected = items("host", infra, "type", "ProxmoxTaskFinished").stream()
                    .map(e -> e.get("position").asLong()).toList();
            List<Long> seen = new ArrayList<>();
            String after = null;
            do {
                var request = as(reader).queryParam("host", infra).queryParam("type", "ProxmoxTaskFinished")
                        .queryParam("from", "2026-09-15").queryParam("to", "2027-01-01").queryParam("limit", 1);
                if (after != null) {
                    request.queryParam("after", after);
                }
                Response page = request.get("/api/v1/events");
                page.then().statusCode(200);
                page.jsonPath().getList("items.position", Long.class).forEach(seen::add);
                after = page.jsonPath().getString("next");
            } while (after != null);
            // October and November tasks, in the order they were stored, one page each
            assertThat(expected).hasSize(3);
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(items("host", infra, "type", "ProxmoxTaskFinished", "to", "2026-11-01")).hasSize(2);
        }

        @Test
        void givenAfterThatIsNoIndexedPosition_whenQueried_then400() {
            as(reader).queryParam("after", Long.MAX_VALUE - 1).get("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("'after'"));
        }
    }

    @Nested
    class BadInput {

        @Test
        void givenLimitOutOfRangeOrNotANumber_when_then400NamingTheRange() {
            for (String limit : List.of("0", "1001", "ten", "-5")) {
                as(reader).queryParam("limit", limit).get("/api/v1/events")
                        .then().statusCode(400).contentType("application/problem+json")
                        .body("detail", containsString("from 1 to 1000"));
            }
        }

        @Test
        void givenUnknownClassParameterOrBadTimes_when_then400() {
            as(reader).queryParam("class", "reboot").get("/api/v1/events")
                    .then().statusCode(400).body("detail", containsString("disruptive"));
            as(reader).queryParam("hostId", infra).get("/api/v1/events")
                    .then().statusCode(400).body("detail", containsString("Unknown query parameter 'hostId'"));
            as(reader).queryParam("from", "last week").get("/api/v1/events")
                    .then().statusCode(400).body("detail", containsString("ISO-8601"));
            as(reader).queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get("/api/v1/events")
                    .then().statusCode(400).body("detail", containsString("must be before"));
            as(reader).queryParam("host", infra).queryParam("host", lab).get("/api/v1/events")
                    .then().statusCode(400).body("detail", containsString("give it once"));
        }
    }

    @Nested
    class Access {

        @Test
        void givenKeyLimitedToOneHost_whenQueried_thenOnlyItsEventsAndOtherHostsAreUnknown() {
            String limited = createKey("reader", lab);
            List<JsonNode> events = itemsAs(limited, "correlationId", correlationId);
            assertThat(events).isEmpty();
            assertThat(itemsAs(limited, "type", "ProxmoxTaskStarted"))
                    .allSatisfy(e -> assertThat(e.get("hostId").asText()).isEqualTo(lab));
            assertThat(itemsAs(limited, "type", "ApiKeyCreated")).isEmpty();
            // key records (names, roles, token hashes) are for administrators only, also for readers of all hosts
            assertThat(itemsAs(reader, "type", "ApiKeyCreated")).isEmpty();
            assertThat(itemsAs(createKey("admin"), "type", "ApiKeyCreated")).isNotEmpty();
            as(limited).queryParam("host", infra).get("/api/v1/events").then().statusCode(404);
        }

        @Test
        void givenIngesterOrNoKey_whenQueried_then403Or401() {
            as(createKey("ingester", infra)).get("/api/v1/events").then().statusCode(403);
            io.restassured.RestAssured.given().get("/api/v1/events").then().statusCode(401);
        }
    }

    @Nested
    class Export {

        @Test
        void givenNdjson_whenExported_thenEveryMatchOneJsonObjectPerLine() throws Exception {
            String body = as(reader).accept(EventQueryResource.NDJSON).queryParam("host", infra)
                    .queryParam("limit", 1).get("/api/v1/events")
                    .then().statusCode(200).contentType(EventQueryResource.NDJSON).extract().asString();
            List<String> lines = body.lines().toList();
            assertThat(lines).hasSize(7).allSatisfy(line -> assertThat(line).startsWith("{\"position\":"));
            assertThat(body).endsWith("}\n");
            List<Long> positions = new ArrayList<>();
            for (String line : lines) {
                positions.add(JSON.readTree(line).get("position").asLong());
            }
            assertThat(positions).containsExactlyElementsOf(items("host", infra).stream()
                    .map(e -> e.get("position").asLong()).toList());
        }

        @Test
        void givenCsv_whenExported_thenHeaderAndOneQuotedRowPerEvent() {
            String body = as(reader).accept(EventQueryResource.CSV).queryParam("host", lab).get("/api/v1/events")
                    .then().statusCode(200).contentType(containsString("text/csv"))
                    .header("Content-Disposition", containsString("events.csv")).extract().asString();
            List<String> lines = body.lines().toList();
            assertThat(lines).hasSize(6);
            assertThat(lines.get(0)).isEqualTo(String.join(",", EventCsv.HEADER));
            assertThat(lines.subList(1, 6)).allSatisfy(line -> assertThat(line).contains("," + lab + ","));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains(",start,ProxmoxTaskStarted,")
                    .contains("\"\"hostId\"\":\"\"" + lab + "\"\""));
        }

        @Test
        void givenBadFilter_whenExportRequested_then400BeforeAnyLine() {
            as(reader).accept(EventQueryResource.NDJSON).queryParam("class", "nope").get("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json");
            as(reader).accept(EventQueryResource.CSV).queryParam("limit", "5000").get("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json");
        }

        @Test
        void givenTextThatASpreadsheetWouldRun_whenExportedAsCsv_thenItStaysText() {
            String body = as(reader).accept(EventQueryResource.CSV).queryParam("host", infra)
                    .queryParam("actor", "ops@pve!automation").get("/api/v1/events")
                    .then().statusCode(200).extract().asString();
            assertThat(body.lines().skip(1)).hasSize(2).allSatisfy(line -> assertThat(line).contains(",disruptive,"));
            StringBuilder row = new StringBuilder();
            changeledger.api.Csv.row(row, List.of("=HYPERLINK(\"x\")", "-1", "@cmd", "plain"));
            assertThat(row.toString()).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'-1,'@cmd,plain\r\n");
        }
    }

    @Test
    void givenNoAcceptHeader_whenQueried_thenJson() {
        as(reader).queryParam("host", lab).queryParam("limit", 1).get("/api/v1/events")
                .then().statusCode(200).contentType("application/json").body("items.size()", equalTo(1));
    }

    private List<JsonNode> items(String... filters) {
        return itemsAs(reader, filters);
    }

    private static List<JsonNode> itemsAs(String token, String... filters) {
        var request = as(token).queryParam("limit", 1000);
        for (int i = 0; i < filters.length; i += 2) {
            request.queryParam(filters[i], filters[i + 1]);
        }
        String body = request.get("/api/v1/events").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static String task(String node, String type, String guest, String user, Instant start) {
        String upid = upid().node(node).type(type).id(guest).user(user).startTime(start).text();
        return TaskLines.index(upid, start.plusSeconds(20), "OK");
    }

    private static void upload(String hostId, String correlation, String... lines) {
        var request = as(createKey("ingester", hostId)).contentType("text/plain").body(TaskLines.body(lines));
        if (correlation != null) {
            request.header("X-Correlation-ID", correlation);
        }
        request.post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(lines.length));
    }
}
