package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.projection.disruption.DisruptionProjection;
import changeledger.support.ChangeRequests;
import changeledger.support.TaskLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/hosts/{id}/disruptions} over real HTTP, on tasks uploaded as task-index lines. */
@QuarkusTest
class DisruptionResourceTest {

    private static final Instant T0 = Instant.parse("2026-10-31T23:30:00Z");
    private static final String NODE = "pve-disrupt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENERATION = "items.find { it.name == '" + DisruptionProjection.NAME + "' }.generation";
    private static final String REPLAYING = "items.find { it.name == '" + DisruptionProjection.NAME + "' }.replaying";

    private String host;
    private String reader;

    @BeforeEach
    void registerHostAndKeys() {
        host = registerHost("disrupt", "infrastructure", NODE);
        reader = createKey("reader");
    }

    @Nested
    class Windows {

        @Test
        void givenStopUploadedAlone_whenTheStartArrivesLater_thenTheOpenWindowCloses() {
            // given: guest 101 shut down; its start is not uploaded yet
            upload(host, index("qmshutdown", "101", T0, 40, "OK"));
            JsonNode open = awaitItems(host, items -> items.size() == 1).get(0);
            assertThat(open.get("guest").asText()).isEqualTo("101");
            assertThat(open.get("cause").asText()).isEqualTo("qmshutdown");
            assertThat(open.get("causeUpid").asText()).contains(":qmshutdown:101:");
            assertThat(open.get("open").asBoolean()).isTrue();
            assertThat(open.get("end").isNull()).isTrue();
            assertThat(open.get("durationMinutes").asDouble()).isPositive();
            assertThat(open.get("planned").asBoolean()).isFalse();
            assertThat(open.get("changeRequestId").isNull()).isTrue();

            // when: the start is uploaded, first seen running in the active file, then finished
            String start = upid().node(NODE).type("qmstart").id("101").startTime(T0.plusSeconds(1800)).text();
            upload(host, TaskLines.activeRunning(start));
            upload(host, TaskLines.index(start, T0.plusSeconds(1830), "OK"));

            // then
            JsonNode closed = awaitItems(host, items -> items.size() == 1 && !items.get(0).get("open").asBoolean())
                    .get(0);
            assertThat(closed.get("start").asText()).isEqualTo("2026-10-31T23:30:00Z");
            assertThat(closed.get("end").asText()).isEqualTo("2026-11-01T00:00:30Z");
            assertThat(closed.get("durationMinutes").asDouble()).isEqualTo(30.5);
            assertThat(closed.get("closedByUpid").asText()).isEqualTo(start);
        }

        @Test
        void givenSameTasksInTwoArrivalOrders_whenProjected_thenTheSameWindows() {
            String other = registerHost("disrupt-order", "infrastructure", NODE);
            List<String> lines = List.of(
                    index("hastop", "101", T0, 5, "OK"),
                    index("qmshutdown", "101", T0.plusSeconds(20), 60, "OK"),
                    index("qmstart", "101", T0.plusSeconds(600), 30, "OK"),
                    index("qmreboot", "102", T0.plusSeconds(700), 45, "OK"),
                    index("qmstop", "102", T0.plusSeconds(900), 10, "VM quit/powerdown failed - got timeout"),
                    index("vzmigrate", "103", T0.plusSeconds(1000), 90, "OK"),
                    index("srvstop", "pveproxy", T0.plusSeconds(1100), 2, "OK"),
                    index("srvstart", "pveproxy", T0.plusSeconds(1200), 3, "OK"));
            // in time order, in one upload
            upload(host, lines.toArray(String[]::new));
            // the other way round, one task per upload, starts before stops
            for (int i = lines.size() - 1; i >= 0; i--) {
                upload(other, lines.get(i));
            }

            List<JsonNode> inOrder = awaitItems(host, items -> items.size() == 5);
            List<JsonNode> reversed = awaitItems(other, items -> items.size() == 5);
            assertThat(comparable(reversed)).isEqualTo(comparable(inOrder));
            assertThat(comparable(inOrder)).containsExactly(
                    "101|qmshutdown|2026-10-31T23:30:20Z|2026-10-31T23:40:30Z|10.2|false|false",
                    "102|qmreboot|2026-10-31T23:41:40Z|2026-10-31T23:42:25Z|0.8|false|false",
                    "102|qmstop|2026-10-31T23:45:00Z|2026-10-31T23:45:00Z|0.0|true|false",
                    "103|vzmigrate|2026-10-31T23:46:40Z|2026-10-31T23:48:10Z|1.5|false|true",
                    "service:pveproxy|srvstop|2026-10-31T23:48:20Z|2026-10-31T23:50:03Z|1.7|false|false");
        }

        @Test
        void givenAHistoryInOneUploadAndInSmallLateOnes_whenProjected_thenTheSameWindows() {
            // given: eight hours of two guests' tasks, often within a minute of each other, some failed
            String other = registerHost("disrupt-late", "infrastructure", NODE);
            List<String> types = List.of("qmstart", "qmstart", "qmstop", "qmshutdown", "qmreboot", "hastop",
                    "hastart", "qmigrate", "qmsnapshot", "vzdump");
            Random random = new Random(17);
            Map<String, String> lines = new TreeMap<>();
            for (int i = 0; i < 80; i++) {
                Instant start = T0.plusSeconds(random.nextInt(960) * 30L);
                String type = types.get(random.nextInt(types.size()));
                String guest = random.nextBoolean() ? "101" : "102";
                // one task per type, guest and second: their UPIDs would be the same
                lines.putIfAbsent(start + " " + type + " " + guest, index(type, guest, start, random.nextInt(120),
                        random.nextInt(8) == 0 ? "VM quit/powerdown failed" : "OK"));
            }
            List<String> inTimeOrder = List.copyOf(lines.values());

            // when: one host gets them in one upload; the other in uploads of 1-6 lines, every third one late
            upload(host, inTimeOrder.toArray(String[]::new));
            List<List<String>> chunks = new ArrayList<>();
            for (int i = 0; i < inTimeOrder.size(); ) {
                int size = 1 + random.nextInt(6);
                chunks.add(inTimeOrder.subList(i, Math.min(i + size, inTimeOrder.size())));
                i += size;
            }
            for (int i = 2; i < chunks.size(); i += 3) {
                Collections.swap(chunks, i, i - 2);
            }
            chunks.forEach(chunk -> upload(other, chunk.toArray(String[]::new)));
            await().atMost(Duration.ofSeconds(30)).until(() -> processors()
                    .getLong("items.find { it.name == '" + DisruptionProjection.NAME + "' }.lagEvents") == 0);

            // then
            List<String> inOrder = comparable(items(host, "2026-10-01", "2026-12-01"));
            assertThat(inOrder).hasSizeGreaterThan(10);
            assertThat(comparable(items(other, "2026-10-01", "2026-12-01"))).isEqualTo(inOrder);
        }

        @Test
        void givenWindowsAroundTheRange_whenListed_thenOverlappingOnesWholeAndInStartOrder() {
            upload(host, index("qmreboot", "101", T0.minusSeconds(3600), 60, "OK"),
                    index("qmshutdown", "102", T0, 60, "OK"),
                    index("qmstart", "102", T0.plusSeconds(3600), 30, "OK"),
                    index("qmreboot", "103", Instant.parse("2026-12-01T00:00:00Z"), 60, "OK"));
            awaitItems(host, "2026-01-01", "2027-01-01", items -> items.size() == 3);

            List<JsonNode> november = items(host, "2026-11-01", "2026-12-01");
            assertThat(november).hasSize(1);
            assertThat(november.get(0).get("start").asText()).isEqualTo("2026-10-31T23:30:00Z");
            assertThat(november.get(0).get("durationMinutes").asDouble()).isEqualTo(60.5);
            assertThat(items(host, "2026-10-31T23:30:00Z", "2026-10-31T23:30:01Z")).hasSize(1);
            assertThat(items(host, "2026-10-31T22:30:00Z", "2026-10-31T22:30:01Z")).hasSize(1);
            assertThat(items(host, "2026-10-31T22:31:00Z", "2026-10-31T23:30:00Z")).isEmpty();
        }

        @Test
        void givenWindows_whenTheProjectionIsReplayed_thenTheNewGenerationHasTheSameWindows() {
            upload(host, index("qmstop", "101", T0, 10, "OK"), index("qmstart", "101", T0.plusSeconds(60), 5, "OK"),
                    index("vzrollback", "200", T0.plusSeconds(90), 20, "OK"));
            List<JsonNode> before = awaitItems(host, items -> items.size() == 2);
            int generation = processors().getInt(GENERATION);

            asAdmin().post("/api/v1/admin/processors/" + DisruptionProjection.NAME + "/replay").then().statusCode(202);

            await().atMost(Duration.ofSeconds(30)).until(() -> processors().getInt(GENERATION) == generation + 1
                    && !processors().getBoolean(REPLAYING));
            assertThat(items(host, "2026-10-01", "2026-12-01")).isEqualTo(before);
        }

        @Test
        void givenNoRange_whenListed_thenTheCurrentMonth() {
            Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            upload(host, index("qmreboot", "101", monthStart.plusSeconds(1), 30, "OK"),
                    index("qmreboot", "101", monthStart.minusSeconds(120), 30, "OK"));
            awaitItems(host, "2000-01-01", "2100-01-01", items -> items.size() == 2);

            List<JsonNode> current = itemsOf(as(reader).get("/api/v1/hosts/" + host + "/disruptions")
                    .then().statusCode(200).extract().asString());
            assertThat(current).singleElement()
                    .satisfies(w -> assertThat(w.get("start").asText()).isEqualTo(monthStart.plusSeconds(1).toString()));
        }
    }

    @Nested
    class ManualEntries {

        @Test
        void givenEntryWindowOnAGuest_whenTheGuestsTaskWindowsAreRecomputed_thenTheEntryWindowStays() {
            // given: a manual window on guest 101 between two of its stops
            recordEntryOn101(createKey("submitter", host), "Disk swap", "2026-11-01T00:10:00Z", "2026-11-01T00:20:00Z");
            upload(host, index("qmstop", "101", T0, 10, "OK"));

            // when: later tasks of 101 arrive, and then an earlier one, each making the projection recompute 101
            upload(host, index("qmstart", "101", T0.plusSeconds(3600), 20, "OK"),
                    index("qmreboot", "101", T0.plusSeconds(7200), 30, "OK"));
            upload(host, index("qmstart", "101", T0.plusSeconds(600), 15, "OK"));

            // then: the task windows follow the tasks, the manual one is untouched
            List<String> causes = awaitItems(host, items -> items.size() == 3 && !items.get(0).get("open").asBoolean()
                    && items.get(0).get("end").asText().equals("2026-10-31T23:40:15Z"))
                    .stream().map(w -> w.get("cause").asText()).toList();
            assertThat(causes).containsExactly("qmstop", "manual", "qmreboot");
        }

        @Test
        void givenEntryWithDisruption_whenRecordedThenRetracted_thenItsWindowComesAndGoes() {
            String submitter = createKey("submitter", host);
            String entryId = recordEntryOn101(submitter, "Firmware upgrade", "2026-11-03T20:00:00Z",
                    "2026-11-03T20:45:00Z");

            JsonNode window = awaitItems(host, items -> items.size() == 1).get(0);
            assertThat(window.get("cause").asText()).isEqualTo("manual");
            assertThat(window.get("entryId").asText()).isEqualTo(entryId);
            assertThat(window.get("guest").asText()).isEqualTo("101");
            assertThat(window.get("causeUpid").isNull()).isTrue();
            assertThat(window.get("durationMinutes").asDouble()).isEqualTo(45.0);

            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "recorded on the wrong host"))
                    .post("/api/v1/hosts/" + host + "/entries/" + entryId + "/retract").then().statusCode(200);

            awaitItems(host, List::isEmpty);
        }
    }

    @Nested
    class Planning {

        @Test
        void givenApprovedRequestForOneGuest_whenItsWindowCoversAStop_thenThatWindowIsPlannedAndOthersNot() {
            String id = ChangeRequests.submit(createKey("submitter", host),
                    ChangeRequests.body(host, "101", T0.minusSeconds(600), T0.plusSeconds(3600)));
            ChangeRequests.step(createKey("approver", host), id, "approve", Map.of("comment", "go")).statusCode(200);
            upload(host, index("qmshutdown", "101", T0, 30, "OK"), index("qmstart", "101", T0.plusSeconds(900), 20, "OK"),
                    index("qmreboot", "102", T0.plusSeconds(60), 40, "OK"),
                    index("qmreboot", "101", T0.plusSeconds(70 * 60), 40, "OK"),
                    index("qmreboot", "101", T0.plusSeconds(90 * 60), 40, "OK"));

            // the request's window ends at T0 + 60 min; the grace (15 min) covers the reboot at 70, not the one at 90
            List<JsonNode> windows = awaitItems(host, items -> items.size() == 4
                    && items.get(0).get("planned").asBoolean());
            assertThat(windows).extracting(w -> w.get("target").asText() + " " + w.get("cause").asText() + " "
                    + w.get("planned").asBoolean() + " " + w.get("changeRequestId").asText())
                    .containsExactly("101 qmshutdown true " + id, "102 qmreboot false null",
                            "101 qmreboot true " + id, "101 qmreboot false null");
        }
    }

    @Nested
    class Access {

        @Test
        void givenKeyOfAnotherHostOrUnknownHost_whenListed_then404() {
            String other = registerHost("disrupt-other", "lab", "pve-other");
            as(createKey("reader", other)).get("/api/v1/hosts/" + host + "/disruptions")
                    .then().statusCode(404).contentType("application/problem+json");
            as(reader).get("/api/v1/hosts/no-such-host-" + UUID.randomUUID() + "/disruptions")
                    .then().statusCode(404);
            as(createKey("reader", host)).get("/api/v1/hosts/" + host + "/disruptions").then().statusCode(200);
        }

        @Test
        void givenIngesterOrNoKey_whenListed_then403Or401() {
            as(createKey("ingester", host)).get("/api/v1/hosts/" + host + "/disruptions").then().statusCode(403);
            io.restassured.RestAssured.given().get("/api/v1/hosts/" + host + "/disruptions").then().statusCode(401);
        }
    }

    @Nested
    class BadInput {

        @Test
        void givenBadFromOrTo_whenListed_then400NamingTheParameter() {
            String path = "/api/v1/hosts/" + host + "/disruptions";
            as(reader).queryParam("from", "yesterday").get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("'from'"));
            as(reader).queryParam("to", "2026-13-01").get(path).then().statusCode(400)
                    .body("detail", containsString("'to'"));
            as(reader).queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get(path)
                    .then().statusCode(400).body("detail", containsString("must be before"));
            as(reader).queryParam("since", "2026-11-01").get(path).then().statusCode(400)
                    .body("detail", containsString("'since'"));
            as(reader).queryParam("from", "2026-11-01").queryParam("from", "2026-11-02").get(path)
                    .then().statusCode(400).body("detail", containsString("give it once"));
        }
    }

    private static JsonPath processors() {
        return asAdmin().get("/api/v1/admin/processors").then().statusCode(200).extract().jsonPath();
    }

    /** Records a maintenance entry on guest 101 with a disruption from {@code start} to {@code end}; its id. */
    private String recordEntryOn101(String submitter, String summary, String start, String end) {
        Map<String, Object> body = Map.of("kind", "maintenance", "summary", summary, "occurredAt", start,
                "target", "101", "disruption", Map.of("start", start, "end", end));
        return as(submitter).contentType(ContentType.JSON).body(body).post("/api/v1/hosts/" + host + "/entries")
                .then().statusCode(201).extract().path("id");
    }

    /** A finished task line of this test's node. */
    private static String index(String type, String guest, Instant start, long seconds, String status) {
        String upid = upid().node(NODE).type(type).id(guest).startTime(start).text();
        return TaskLines.index(upid, start.plusSeconds(seconds), status);
    }

    private static void upload(String hostId, String... lines) {
        as(createKey("ingester", hostId)).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200)
                .body("rejected.size()", equalTo(0));
    }

    private List<JsonNode> awaitItems(String hostId, Predicate<List<JsonNode>> until) {
        return awaitItems(hostId, "2026-10-01", "2026-12-01", until);
    }

    private List<JsonNode> awaitItems(String hostId, String from, String to, Predicate<List<JsonNode>> until) {
        List<List<JsonNode>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.add(0, items(hostId, from, to));
            return until.test(last.get(0));
        });
        return last.get(0);
    }

    private List<JsonNode> items(String hostId, String from, String to) {
        return itemsOf(as(reader).queryParam("from", from).queryParam("to", to)
                .get("/api/v1/hosts/" + hostId + "/disruptions").then().statusCode(200).extract().asString());
    }

    private static List<JsonNode> itemsOf(String body) {
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    /** What must not depend on arrival order, apart from the host in the UPIDs. */
    private static List<String> comparable(List<JsonNode> items) {
        return items.stream().map(w -> String.join("|", w.get("target").asText(), w.get("cause").asText(),
                w.get("start").asText(), w.get("end").asText(), w.get("durationMinutes").asText(),
                w.get("failed").asText(), w.get("migration").asText())).toList();
    }
}
