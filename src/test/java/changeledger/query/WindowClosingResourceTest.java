package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.projection.disruption.DisruptionProjection;
import changeledger.support.TaskLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Windows closed by what people do, over real HTTP: a {@code retire} entry, a template conversion, and a task cut off
 * by a restart of its node (issue 16, item 4).
 */
@QuarkusTest
class WindowClosingResourceTest {

    private static final Instant T0 = Instant.parse("2026-10-10T10:00:00Z");
    private static final String NODE = "pve-closing";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENERATION = "items.find { it.name == '" + DisruptionProjection.NAME + "' }.generation";
    private static final String REPLAYING = "items.find { it.name == '" + DisruptionProjection.NAME + "' }.replaying";

    @Inject
    AgroalDataSource dataSource;

    private String host;
    private String reader;
    private String submitter;

    @BeforeEach
    void registerHostAndKeys() {
        host = registerHost("closing", "infrastructure", NODE);
        reader = createKey("reader");
        submitter = createKey("submitter", host);
    }

    @Nested
    class Retire {

        @Test
        void givenStoppedGuest_whenRetired_thenItsWindowEndsThereAndLaterStopsAddNothingUntilItStarts() {
            // given: guest 101 shut down, its window open
            upload(host, index("qmshutdown", "101", T0, 40, "OK"));
            awaitItems(host, items -> items.size() == 1 && items.get(0).get("open").asBoolean());

            // when: it is retired ten minutes later
            String entryId = retire(host, "101", T0.plusSeconds(600)).then().statusCode(201)
                    .body("kind", equalTo("retire")).extract().path("id");

            // then: the window ends at the entry's time, closed by it
            JsonNode closed = awaitItems(host, items -> items.size() == 1 && !items.get(0).get("open").asBoolean())
                    .get(0);
            assertThat(closed.get("end").asText()).isEqualTo("2026-10-10T10:10:00Z");
            assertThat(closed.get("durationMinutes").asDouble()).isEqualTo(10.0);
            assertThat(closed.get("closedBy").asText()).isEqualTo("retire");
            assertThat(closed.get("closedByEntryId").asText()).isEqualTo(entryId);
            assertThat(closed.get("closedByUpid").isNull()).isTrue();
            assertThat(closed.get("interrupted").asBoolean()).isFalse();

            // when: a later stop of the retired guest, then a reboot of another guest as a marker that it was read
            upload(host, index("qmstop", "101", T0.plusSeconds(1200), 5, "OK"),
                    index("qmreboot", "102", T0.plusSeconds(1260), 30, "OK"));
            // then: the stop adds nothing
            List<JsonNode> afterStop = awaitItems(host, items -> items.size() == 2);
            assertThat(summary(afterStop)).containsExactly("101|qmshutdown|2026-10-10T10:00:00Z|2026-10-10T10:10:00Z",
                    "102|qmreboot|2026-10-10T10:21:00Z|2026-10-10T10:21:30Z");

            // when: it starts again and is stopped again: that stop counts
            upload(host, index("qmstart", "101", T0.plusSeconds(1800), 20, "OK"),
                    index("qmstop", "101", T0.plusSeconds(2400), 5, "OK"));
            List<JsonNode> afterStart = awaitItems(host, items -> items.size() == 3);
            assertThat(summary(afterStart)).containsExactly(
                    "101|qmshutdown|2026-10-10T10:00:00Z|2026-10-10T10:10:00Z",
                    "102|qmreboot|2026-10-10T10:21:00Z|2026-10-10T10:21:30Z",
                    "101|qmstop|2026-10-10T10:40:00Z|null");

            // when: the retire entry is retracted
            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "retired the wrong guest"))
                    .post("/api/v1/hosts/" + host + "/entries/" + entryId + "/retract").then().statusCode(200);

            // then: as if it had never been: the shutdown's window lasts until the start, the stop inside it is none
            List<JsonNode> restored = awaitItems(host, items -> items.size() == 3
                    && items.get(0).get("closedBy").asText().equals("qmstart"));
            assertThat(summary(restored)).containsExactly(
                    "101|qmshutdown|2026-10-10T10:00:00Z|2026-10-10T10:30:20Z",
                    "102|qmreboot|2026-10-10T10:21:00Z|2026-10-10T10:21:30Z",
                    "101|qmstop|2026-10-10T10:40:00Z|null");
            assertThat(restored.get(0).get("closedByEntryId").isNull()).isTrue();
        }

        @Test
        void givenRetireRecordedBeforeEarlierTasksArrive_whenTheyArrive_thenItEndsTheWindowOpenAtItsTime() {
            // given: the stop is projected, the retire recorded, then the start that came before the retire arrives
            upload(host, index("qmshutdown", "101", T0, 40, "OK"));
            awaitItems(host, items -> items.size() == 1);
            retire(host, "101", T0.plusSeconds(3600)).then().statusCode(201);
            upload(host, index("qmstart", "101", T0.plusSeconds(600), 20, "OK"),
                    index("qmstop", "101", T0.plusSeconds(1200), 20, "OK"));

            // then: the start ended the first window; the retire ends the second stop's, an hour after the first
            List<JsonNode> items = awaitItems(host, found -> found.size() == 2 && !found.get(1).get("open").asBoolean());
            assertThat(summary(items)).containsExactly("101|qmshutdown|2026-10-10T10:00:00Z|2026-10-10T10:10:20Z",
                    "101|qmstop|2026-10-10T10:20:00Z|2026-10-10T11:00:00Z");
            assertThat(items.get(1).get("closedBy").asText()).isEqualTo("retire");
        }

        @Test
        void givenGuestWithoutOpenWindow_whenRetired_then409NamingItsStateAndNothingStored() {
            // given: guest 101 was stopped and started again; guest 103 has no window at all
            upload(host, index("qmshutdown", "101", T0, 40, "OK"), index("qmstart", "101", T0.plusSeconds(600), 20,
                    "OK"));
            awaitItems(host, items -> items.size() == 1 && !items.get(0).get("open").asBoolean());

            retire(host, "101", T0.plusSeconds(1200)).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", allOf(containsString("Guest 101 has no open disruption window at "
                            + "2026-10-10T10:20:00Z"), containsString("ended at 2026-10-10T10:10:20Z with a qmstart"),
                            containsString("send an 'occurredAt' while the guest was stopped")));
            retire(host, "103", T0.plusSeconds(1200)).then().statusCode(409)
                    .body("detail", containsString("Guest 103 has no open disruption window at 2026-10-10T10:20:00Z: "
                            + "no stop of it is on record before then"));
            // the window was open before the start: a retire then is accepted
            retire(host, "101", T0.plusSeconds(300)).then().statusCode(201);

            assertThat(storedEntries(host)).isEqualTo(1);
        }

        @Test
        void givenRetireWithoutGuest_whenRecorded_then400SayingWhatToSend() {
            Map<String, Object> noTarget = Map.of("kind", "retire", "summary", "decommissioned",
                    "occurredAt", T0.toString());
            as(submitter).contentType(ContentType.JSON).body(noTarget).post("/api/v1/hosts/" + host + "/entries")
                    .then().statusCode(400).body("detail", containsString("needs 'target': the id of the guest"));
            retire(host, "node", T0).then().statusCode(400)
                    .body("detail", containsString("not 'node'"));
            Map<String, Object> withWindow = Map.of("kind", "retire", "summary", "decommissioned", "target", "101",
                    "occurredAt", T0.toString(), "disruption", Map.of("start", T0.toString(),
                            "end", T0.plusSeconds(60).toString()));
            as(submitter).contentType(ContentType.JSON).body(withWindow).post("/api/v1/hosts/" + host + "/entries")
                    .then().statusCode(400).body("detail", containsString("send no 'disruption'"));
            assertThat(storedEntries(host)).isZero();
        }
    }

    @Nested
    class Template {

        @Test
        void givenStoppedGuest_whenConvertedToATemplate_thenItsWindowEndsAtTheConversionsStart() {
            upload(host, index("qmshutdown", "104", T0, 40, "OK"),
                    index("qmtemplate", "104", T0.plusSeconds(300), 8, "OK"),
                    index("qmstop", "104", T0.plusSeconds(900), 2, "OK"),
                    index("qmreboot", "102", T0.plusSeconds(1000), 30, "OK"));

            List<JsonNode> items = awaitItems(host, found -> found.size() == 2);
            assertThat(summary(items)).containsExactly("104|qmshutdown|2026-10-10T10:00:00Z|2026-10-10T10:05:00Z",
                    "102|qmreboot|2026-10-10T10:16:40Z|2026-10-10T10:17:10Z");
            assertThat(items.get(0).get("closedBy").asText()).isEqualTo("qmtemplate");
            assertThat(items.get(0).get("closedByUpid").asText()).contains(":qmtemplate:104:");
        }
    }

    @Nested
    class Interrupted {

        @Test
        void givenRunningRebootAndALaterTaskWithALowerPstart_inEitherOrder_thenTheRebootEndsThereInterrupted() {
            String other = registerHost("closing-late", "infrastructure", NODE);
            String reboot = upid().node(NODE).pstart(0x00ABCDEF).type("qmreboot").id("105").startTime(T0).text();
            String shutdown = upid().node(NODE).pstart(0x00ABCDF0).type("qmshutdown").id("106")
                    .startTime(T0.plusSeconds(10)).text();
            String afterBoot = upid().node(NODE).pstart(0x00000900).type("vzdump").id("")
                    .startTime(T0.plusSeconds(300)).text();
            String running = TaskLines.activeRunning(reboot);
            String runningShutdown = TaskLines.activeRunning(shutdown);
            String backup = TaskLines.index(afterBoot, T0.plusSeconds(400), "OK");

            // the running tasks first, the task after the restart later; and the other way round
            upload(host, running, runningShutdown);
            awaitItems(host, items -> items.size() == 2);
            upload(host, backup);
            upload(other, backup);
            upload(other, running, runningShutdown);

            for (String hostId : List.of(host, other)) {
                List<JsonNode> items = awaitItems(hostId, found -> found.size() == 2
                        && found.get(0).get("interrupted").asBoolean());
                assertThat(summary(items)).as(hostId).containsExactly(
                        "105|qmreboot|2026-10-10T10:00:00Z|2026-10-10T10:05:00Z",
                        "106|qmshutdown|2026-10-10T10:00:10Z|null");
                assertThat(items.get(0).get("open").asBoolean()).isFalse();
                assertThat(items.get(0).get("durationMinutes").asDouble()).isEqualTo(5.0);
                assertThat(items.get(1).get("interrupted").asBoolean()).isFalse();
            }
        }

        @Test
        void givenRunningRebootAndLaterTasksOfTheSameBoot_whenProjected_thenStillRunning() {
            String reboot = upid().node(NODE).pstart(0x00ABCDEF).type("qmreboot").id("105").startTime(T0).text();
            String later = upid().node(NODE).pstart(0x00ABD000).type("vzdump").id("")
                    .startTime(T0.plusSeconds(300)).text();
            upload(host, TaskLines.activeRunning(reboot), TaskLines.index(later, T0.plusSeconds(400), "OK"),
                    index("qmreboot", "102", T0.plusSeconds(1000), 30, "OK"));

            List<JsonNode> items = awaitItems(host, found -> found.size() == 2);
            assertThat(items.get(0).get("open").asBoolean()).isTrue();
            assertThat(items.get(0).get("interrupted").asBoolean()).isFalse();
        }
    }

    @Test
    void givenClosedWindows_whenTheProjectionIsReplayed_thenTheNewGenerationHasTheSameWindows() {
        String reboot = upid().node(NODE).pstart(0x00ABCDEF).type("qmreboot").id("105").startTime(T0).text();
        String afterBoot = upid().node(NODE).pstart(0x00000900).type("vzdump").id("")
                .startTime(T0.plusSeconds(300)).text();
        upload(host, index("qmshutdown", "101", T0, 40, "OK"), index("qmshutdown", "104", T0, 40, "OK"),
                index("qmtemplate", "104", T0.plusSeconds(120), 8, "OK"), TaskLines.activeRunning(reboot),
                TaskLines.index(afterBoot, T0.plusSeconds(400), "OK"));
        awaitItems(host, items -> items.size() == 3);
        retire(host, "101", T0.plusSeconds(600)).then().statusCode(201);
        List<JsonNode> before = awaitItems(host, items -> items.size() == 3
                && items.stream().noneMatch(w -> w.get("open").asBoolean()));
        assertThat(before).extracting(w -> w.get("closedBy").asText() + "|" + w.get("interrupted").asBoolean())
                .containsExactlyInAnyOrder("retire|false", "qmtemplate|false", "null|true");
        int generation = processors().getInt(GENERATION);

        asAdmin().post("/api/v1/admin/processors/" + DisruptionProjection.NAME + "/replay").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> processors().getInt(GENERATION) == generation + 1
                && !processors().getBoolean(REPLAYING));
        assertThat(items(host)).isEqualTo(before);
    }

    private static JsonPath processors() {
        return asAdmin().get("/api/v1/admin/processors").then().statusCode(200).extract().jsonPath();
    }

    private io.restassured.response.Response retire(String hostId, String guest, Instant at) {
        Map<String, Object> body = Map.of("kind", "retire", "summary", "decommissioned", "target", guest,
                "occurredAt", at.toString());
        return as(submitter).contentType(ContentType.JSON).body(body).post("/api/v1/hosts/" + hostId + "/entries");
    }

    /** The manual entry events the store holds for the host: read synchronously, no projection involved. */
    private long storedEntries(String hostId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement("select count(*) from domain_event "
                     + "where aggregate_type = 'ManualEntry' and aggregate_id like ?")) {
            read.setString(1, hostId + "/%");
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

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
        List<List<JsonNode>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.add(0, items(hostId));
            return until.test(last.get(0));
        });
        return last.get(0);
    }

    private List<JsonNode> items(String hostId) {
        String body = as(reader).queryParam("from", "2026-10-01").queryParam("to", "2026-11-01")
                .get("/api/v1/hosts/" + hostId + "/disruptions").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static List<String> summary(List<JsonNode> items) {
        return items.stream().map(w -> String.join("|", w.get("target").asText(), w.get("cause").asText(),
                w.get("start").asText(), w.get("end").asText())).toList();
    }
}
