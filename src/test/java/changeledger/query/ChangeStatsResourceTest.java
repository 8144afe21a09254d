package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.projection.AccessChangeLink;
import changeledger.projection.AccessLinks;
import changeledger.support.TaskLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/hosts/{id}/stats} over real HTTP, on tasks and access-log lines ingested through the uploads
 * and manual entries recorded through the API. Days are UTC in the test profile.
 */
@QuarkusTest
class ChangeStatsResourceTest {

    /** Tuesday 3 November 2026. */
    private static final Instant D1 = Instant.parse("2026-11-03T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AccessLinks accessLinks;

    private String host;
    private String reader;

    @BeforeEach
    void host() {
        host = registerHost("stats", "infrastructure", "pve-infra");
        reader = createKey("reader");
    }

    /** Six tasks, one of each class; six calls, three of which spawned a task 5 s before to 4 s after its start. */
    private static List<String> tasks() {
        return List.of(task("qmconfig", "101", D1.plusSeconds(10 * 3600)),
                task("qmstop", "101", D1.plusSeconds(11 * 3600)),
                task("qmstart", "101", D1.plus(Duration.ofDays(1)).plusSeconds(9 * 3600)),
                task("vzdump", "", D1.plus(Duration.ofDays(2)).plusSeconds(3600)),
                task("vncproxy", "101", D1.plus(Duration.ofDays(2)).plusSeconds(2 * 3600)),
                task("frobnicate", "101", D1.plus(Duration.ofDays(6)).plusSeconds(12 * 3600)));
    }

    private static List<String> calls() {
        return List.of(call("POST", "qemu/101/status/stop", D1.plusSeconds(11 * 3600 + 4)),
                call("POST", "qemu/101/status/start", D1.plus(Duration.ofDays(1)).plusSeconds(9 * 3600 - 5)),
                call("POST", "vzdump", D1.plus(Duration.ofDays(2)).plusSeconds(3600 + 3)),
                call("PUT", "qemu/101/config", D1.plusSeconds(10 * 3600 + 1800)),
                call("PUT", "qemu/102/config", D1.plusSeconds(11 * 3600 + 2)),
                call("POST", "qemu/101/snapshot", D1.plusSeconds(10 * 3600 + 6)));
    }

    /** What the week of 2 November holds once everything is in: the three calls without a task count as changes. */
    private static final Map<String, Map<String, Long>> WEEK_BY_DAY = Map.of(
            "2026-11-03T00:00:00Z", counts(4, 1, 0, 0, 0, 0, 0),
            "2026-11-04T00:00:00Z", counts(0, 0, 1, 0, 0, 0, 0),
            "2026-11-05T00:00:00Z", counts(0, 0, 0, 1, 1, 0, 0));

    @Nested
    class Linking {

        @Test
        void givenTasksUploadedBeforeTheCalls_whenCounted_thenCallsThatSpawnedATaskAreNotCountedAgain() {
            upload("task-index", tasks());
            upload("access-log", calls());
            awaitDays("2026-11-02", "2026-11-09", WEEK_BY_DAY);
        }

        @Test
        void givenCallsUploadedBeforeTheTasks_whenTheTasksArrive_thenTheLinkedCallsStopCounting() {
            upload("access-log", calls());
            // alone, a call counts in the class of the task it spawns: the stop as disruptive, the start as a start
            awaitDays("2026-11-02", "2026-11-09", Map.of(
                    "2026-11-03T00:00:00Z", counts(3, 1, 0, 0, 0, 0, 0),
                    "2026-11-04T00:00:00Z", counts(0, 0, 1, 0, 0, 0, 0),
                    "2026-11-05T00:00:00Z", counts(0, 0, 0, 1, 0, 0, 0)));
            upload("task-index", tasks());
            awaitDays("2026-11-02", "2026-11-09", WEEK_BY_DAY);
        }

        @Test
        void givenLinkedCalls_whenAccessLinksAreRead_thenEachNamesItsTaskAndTheOthersNone() {
            upload("access-log", calls());
            upload("task-index", tasks());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<AccessChangeLink> links = accessLinks.of(host, D1, D1.plus(Duration.ofDays(7)));
                assertThat(links).hasSize(6);
                Map<Instant, String> linkedTo = new LinkedHashMap<>();
                links.forEach(l -> linkedTo.put(l.occurredAt(), l.counted() ? null : l.task().stream()));
                assertThat(linkedTo.get(D1.plusSeconds(11 * 3600 + 4))).contains(":qmstop:101:");
                assertThat(linkedTo.get(D1.plus(Duration.ofDays(1)).plusSeconds(9 * 3600 - 5))).contains(":qmstart:101:");
                assertThat(linkedTo.get(D1.plus(Duration.ofDays(2)).plusSeconds(3600 + 3))).contains(":vzdump::");
                assertThat(links).filteredOn(AccessChangeLink::counted).extracting(AccessChangeLink::guest)
                        .containsExactlyInAnyOrder("101", "102", "101");
            });
        }
    }

    @Nested
    class Buckets {

        @BeforeEach
        void ingest() {
            upload("task-index", tasks());
            upload("access-log", calls());
            awaitDays("2026-11-02", "2026-11-09", WEEK_BY_DAY);
        }

        @Test
        void givenDays_whenAskedForAWeek_thenEveryDayPresentWithAllEightCountsZerosIncluded() {
            JsonNode stats = stats("from", "2026-11-02", "to", "2026-11-09", "bucket", "day");
            assertThat(stats.get("hostId").asText()).isEqualTo(host);
            assertThat(stats.get("bucket").asText()).isEqualTo("day");
            assertThat(stats.get("timeZone").asText()).isEqualTo("UTC");
            assertThat(stats.get("from").asText()).isEqualTo("2026-11-02T00:00:00Z");
            assertThat(stats.get("to").asText()).isEqualTo("2026-11-09T00:00:00Z");
            assertThat(stats.get("buckets")).hasSize(7).allSatisfy(b -> assertThat(b.get("counts").size()).isEqualTo(8));
            assertThat(byStart(stats).get("2026-11-02T00:00:00Z")).isEqualTo(counts(0, 0, 0, 0, 0, 0, 0));
            assertThat(byStart(stats).get("2026-11-03T00:00:00Z")).isEqualTo(counts(4, 1, 0, 0, 0, 0, 0));
        }

        @Test
        void givenWeeks_whenAskedForNovember_thenIsoWeeksFromMondayCutToTheMonth() {
            JsonNode stats = stats("from", "2026-11-01", "to", "2026-12-01", "bucket", "week");
            assertThat(stats.get("buckets")).extracting(b -> b.get("start").asText()).containsExactly(
                    "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z",
                    "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z");
            assertThat(stats.get("buckets").get(5).get("end").asText()).isEqualTo("2026-12-01T00:00:00Z");
            assertThat(byStart(stats).get("2026-11-02T00:00:00Z")).isEqualTo(counts(4, 1, 1, 1, 1, 0, 0));
            assertThat(byStart(stats).get("2026-11-09T00:00:00Z")).isEqualTo(counts(0, 0, 0, 0, 0, 1, 0));
        }

        @Test
        void givenMonths_whenAskedForAQuarter_thenThreeBucketsAndNovemberHoldsEverything() {
            JsonNode stats = stats("from", "2026-10-01", "to", "2027-01-01", "bucket", "month");
            assertThat(stats.get("buckets")).extracting(b -> b.get("start").asText())
                    .containsExactly("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
            assertThat(byStart(stats).get("2026-11-01T00:00:00Z")).isEqualTo(counts(4, 1, 1, 1, 1, 1, 0));
            assertThat(byStart(stats).get("2026-12-01T00:00:00Z")).isEqualTo(counts(0, 0, 0, 0, 0, 0, 0));
        }

        @Test
        void givenRangeCuttingDays_whenCounted_thenOnlyWhatLiesInsideTheRange() {
            // from 10:15 on 3 November skips the qmconfig at 10:00 and the snapshot call at 10:00:06; to 09:00 on
            // 4 November excludes the qmstart
            JsonNode stats = stats("from", "2026-11-03T10:15:00Z", "to", "2026-11-04T09:00:00Z");
            assertThat(stats.get("buckets")).hasSize(2);
            assertThat(stats.get("buckets").get(0).get("start").asText()).isEqualTo("2026-11-03T10:15:00Z");
            assertThat(stats.get("buckets").get(1).get("end").asText()).isEqualTo("2026-11-04T09:00:00Z");
            assertThat(byStart(stats).get("2026-11-03T10:15:00Z")).isEqualTo(counts(2, 1, 0, 0, 0, 0, 0));
            assertThat(byStart(stats).get("2026-11-04T00:00:00Z")).isEqualTo(counts(0, 0, 0, 0, 0, 0, 0));
            // a week cut at both ends: only the partial days and the whole day between
            JsonNode week = stats("from", "2026-11-03T10:15:00Z", "to", "2026-11-05T01:30:00Z", "bucket", "week");
            assertThat(byStart(week).get("2026-11-03T10:15:00Z")).isEqualTo(counts(2, 1, 1, 1, 0, 0, 0));
        }

        @Test
        void givenNoRange_whenAsked_thenTheCurrentMonthByDay() {
            Instant before = Instant.now();
            JsonNode stats = stats();
            Instant after = Instant.now();
            Instant from = Instant.parse(stats.get("from").asText());
            Instant to = Instant.parse(stats.get("to").asText());
            assertThat(stats.get("bucket").asText()).isEqualTo("day");
            assertThat(from.atZone(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(1);
            assertThat(from.atZone(ZoneOffset.UTC).plusMonths(1).toInstant()).isEqualTo(to);
            assertThat(from).isBeforeOrEqualTo(after);
            assertThat(to).isAfter(before);
            assertThat(stats.get("buckets").size()).isEqualTo(from.atZone(ZoneOffset.UTC).toLocalDate().lengthOfMonth());
        }
    }

    @Nested
    class ManualEntries {

        @Test
        void givenChangeEntriesAndANote_whenOneIsRetracted_thenTheOtherCountsAsManualAndTheNoteNot() {
            String submitter = createKey("submitter", host);
            entry(submitter, "change", D1.plusSeconds(12 * 3600));
            String wrong = entry(submitter, "change", D1.plusSeconds(13 * 3600));
            entry(submitter, "note", D1.plusSeconds(14 * 3600));
            awaitDays("2026-11-03", "2026-11-04", Map.of("2026-11-03T00:00:00Z", counts(0, 0, 0, 0, 0, 0, 2)));

            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "recorded twice"))
                    .post("/api/v1/hosts/" + host + "/entries/" + wrong + "/retract").then().statusCode(200);
            awaitDays("2026-11-03", "2026-11-04", Map.of("2026-11-03T00:00:00Z", counts(0, 0, 0, 0, 0, 0, 1)));
        }
    }

    @Nested
    class BadInput {

        @Test
        void givenUnknownBucket_whenAsked_then400NamingTheBuckets() {
            as(reader).queryParam("bucket", "year").get(path()).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("day, week or month"));
        }

        @Test
        void givenFromAfterToOrNotATime_whenAsked_then400() {
            as(reader).queryParam("from", "2026-11-05").queryParam("to", "2026-11-01").get(path())
                    .then().statusCode(400).body("detail", containsString("must be before"));
            as(reader).queryParam("from", "yesterday").get(path())
                    .then().statusCode(400).body("detail", containsString("ISO-8601"));
            as(reader).queryParam("from", "2099-01-01").get(path())
                    .then().statusCode(400).body("detail", containsString("give 'to' as well"));
        }

        @Test
        void givenMoreThan400Buckets_whenAsked_then400SuggestingALargerBucket() {
            as(reader).queryParam("from", "2025-01-01").queryParam("to", "2026-03-01").get(path())
                    .then().statusCode(400).body("detail", containsString("at most 400"))
                    .body("detail", containsString("bucket=week"));
            as(reader).queryParam("from", "2025-01-01").queryParam("to", "2026-03-01").queryParam("bucket", "week")
                    .get(path()).then().statusCode(200);
        }

        @Test
        void givenUnknownOrRepeatedParameter_whenAsked_then400() {
            as(reader).queryParam("class", "change").get(path())
                    .then().statusCode(400).body("detail", containsString("Unknown query parameter 'class'"));
            as(reader).queryParam("bucket", "day").queryParam("bucket", "week").get(path())
                    .then().statusCode(400).body("detail", containsString("give it once"));
        }
    }

    @Nested
    class Scoping {

        @Test
        void givenKeyOfAnotherHostOrUnknownHost_whenAsked_then404() {
            String other = registerHost("stats-other", "lab", "pve-lab");
            as(createKey("reader", other)).get(path()).then().statusCode(404).contentType("application/problem+json");
            as(reader).get("/api/v1/hosts/no-such-host/stats").then().statusCode(404);
            as(createKey("reader", host)).get(path()).then().statusCode(200);
        }

        @Test
        void givenIngesterOrNoKey_whenAsked_then403Or401() {
            as(createKey("ingester", host)).get(path()).then().statusCode(403);
            RestAssured.given().get(path()).then().statusCode(401);
        }
    }

    private String path() {
        return "/api/v1/hosts/" + host + "/stats";
    }

    private JsonNode stats(String... parameters) {
        var request = as(reader);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        String body = request.get(path()).then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    /** Waits until the days of {@code [from, to)} hold the expected counts (any day not named: all zero). */
    private void awaitDays(String from, String to, Map<String, Map<String, Long>> expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Map<String, Long>> days = byStart(stats("from", from, "to", to, "bucket", "day"));
            days.forEach((start, counts) -> assertThat(counts).as(start)
                    .isEqualTo(expected.getOrDefault(start, counts(0, 0, 0, 0, 0, 0, 0))));
        });
    }

    private static Map<String, Map<String, Long>> byStart(JsonNode stats) {
        Map<String, Map<String, Long>> buckets = new LinkedHashMap<>();
        for (JsonNode bucket : stats.get("buckets")) {
            Map<String, Long> counts = new LinkedHashMap<>();
            bucket.get("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            buckets.put(bucket.get("start").asText(), counts);
        }
        return buckets;
    }

    /** The counts of a bucket without incidents (the journal and notification tests count those). */
    private static Map<String, Long> counts(long change, long disruptive, long start, long routine, long access,
                                            long unknown, long manual) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("change", change);
        counts.put("disruptive", disruptive);
        counts.put("start", start);
        counts.put("routine", routine);
        counts.put("access", access);
        counts.put("unknown", unknown);
        counts.put("manual", manual);
        counts.put("incident", 0L);
        return counts;
    }

    private void upload(String source, List<String> lines) {
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(new ArrayList<>(lines)))
                .post("/api/v1/hosts/" + host + "/ingest/" + source).then().statusCode(200)
                .body("accepted", equalTo(lines.size()));
    }

    private String entry(String submitter, String kind, Instant occurredAt) {
        return as(submitter).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "summary", "apt full-upgrade", "occurredAt", occurredAt.toString(),
                        "target", "node"))
                .post("/api/v1/hosts/" + host + "/entries").then().statusCode(201).extract().path("id");
    }

    private static String task(String type, String guest, Instant start) {
        String upid = upid().node("pve-infra").type(type).id(guest).user("root@pam").startTime(start).text();
        return TaskLines.index(upid, start.plusSeconds(20), "OK");
    }

    private static String call(String method, String path, Instant time) {
        return TaskLines.access("::ffff:192.0.2.10", "root@pam", time.atOffset(ZoneOffset.ofHours(1)), method,
                "/api2/json/nodes/pve-infra/" + path, 200);
    }
}
