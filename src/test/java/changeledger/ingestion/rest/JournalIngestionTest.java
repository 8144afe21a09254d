package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.EventStore;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/hosts/{id}/ingest/journal} over real HTTP with a day of a node's journal
 * ({@code proxmox/journal/README.md}): the windows it gives, the task it backfills, a resend, and bad input.
 */
@QuarkusTest
class JournalIngestionTest {

    private static final String FIXTURE = "/proxmox/journal/pve-infra-2026-11-03.log";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;

    private String host;
    private String ingester;
    private String reader;
    private GlobalCursor before;

    @BeforeEach
    void registerHostAndKeys() {
        host = registerHost("journal", "infrastructure", "pve-infra");
        ingester = createKey("ingester", host);
        reader = createKey("reader", host);
        before = store.safeHead().orElse(GlobalCursor.START);
    }

    @Test
    void givenADayOfJournal_whenSent_thenEachDisruptionNoTaskRecordsIsAWindowAndTheGuestsOwnQuickRestartIsNone() {
        as(ingester).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200).body("rejected.size()", equalTo(0))
                .body("accepted", equalTo(8 + 9));

        List<JsonNode> windows = awaitWindows(items -> items.size() == 5);
        assertThat(windows).extracting(JournalIngestionTest::summary).containsExactly(
                "102|guest-stopped|2026-11-03T10:00:01.640112Z|null",
                "103|guest-stopped|2026-11-03T11:00:05.112560Z|2026-11-03T11:25:03Z",
                "104|guest-killed|2026-11-03T12:00:00.301911Z|2026-11-03T12:20:02Z",
                "101|qmreboot|2026-11-03T13:00:00Z|2026-11-03T13:00:09Z",
                "node|node-unclean-boot|2026-11-03T14:00:10.883002Z|2026-11-03T14:07:31.005114Z");
        JsonNode killed = windows.get(2);
        assertThat(killed.get("causeUpid").isNull()).isTrue();
        assertThat(killed.get("causeEventId").asText()).isNotBlank();
        assertThat(killed.get("closedBy").asText()).isEqualTo("qmstart");
        assertThat(windows.get(3).get("causeUpid").asText()).startsWith("UPID:pve-infra:").contains(":qmreboot:101:");
    }

    @Test
    void givenADayOfJournal_whenSent_thenTheRebootTaskThatRotatedOutOfTheIndexIsATaskOfTheHost() {
        as(ingester).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader)
                .queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200)
                .body("items.findAll { it.type == 'qmreboot' }.size()", equalTo(1))
                .body("items.find { it.type == 'qmreboot' }.end", equalTo("2026-11-03T13:00:09Z"))
                .body("items.find { it.type == 'qmreboot' }.status", equalTo("OK")));
    }

    @Test
    void givenADayOfJournal_whenSent_thenTheObservationsAreOnTheHostsTimelineWithWhatTheyMean() {
        as(ingester).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader).queryParam("host", host)
                .queryParam("type", "GuestKilledObserved").get("/api/v1/events").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].guest", equalTo("104"))
                .body("items[0].summary", containsString("kvm killed for memory"))
                .body("items[0].class", equalTo("incident")));
        as(reader).queryParam("host", host).queryParam("type", "NodeBootObserved").get("/api/v1/events").then()
                .statusCode(200).body("items.size()", equalTo(2))
                .body("items.findAll { it.class == 'incident' }.summary",
                        org.hamcrest.Matchers.contains(containsString("after no clean shutdown")))
                .body("items.findAll { it.class == null }.summary",
                        org.hamcrest.Matchers.contains(containsString("after a clean shutdown")));
        as(reader).queryParam("host", host).queryParam("type", "GuestStopObserved").get("/api/v1/events").then()
                .statusCode(200).body("items.size()", equalTo(5)).body("items.findAll { it.class != null }.size()",
                        equalTo(0));
    }

    @Test
    void givenADayOfJournal_whenSent_thenTheStatisticsCountTheIncidentsAndTheBudgetDoesNot() {
        as(ingester).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200);

        // the memory kill and the unclean boot are incidents; the three starts and the reboot count in their classes
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader).queryParam("from", "2026-11-01")
                .queryParam("to", "2026-12-01").queryParam("bucket", "month")
                .get("/api/v1/hosts/" + host + "/stats").then().statusCode(200)
                .body("buckets[0].counts.incident", equalTo(2)).body("buckets[0].counts.start", equalTo(3))
                .body("buckets[0].counts.disruptive", equalTo(1)));
        as(reader).queryParam("host", host).get("/api/v1/reports/stability/2026-11").then()
                .statusCode(200).body("hosts[0].changes.budgetCount", equalTo(1))
                .body("hosts[0].changes.byClass.incident", equalTo(2));
    }

    @Test
    void givenADayOfJournalSent_whenSentAgain_thenNothingIsAddedAndTheWindowsStay() {
        as(ingester).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200);
        awaitWindows(items -> items.size() == 5);
        long stored = storedEvents();

        as(ingester).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(8));

        assertThat(storedEvents()).isEqualTo(stored);
        assertThat(awaitWindows(items -> items.size() == 5)).extracting(JournalIngestionTest::summary)
                .contains("102|guest-stopped|2026-11-03T10:00:01.640112Z|null");
    }

    @Test
    void givenAGarbageLineAmongJournalLines_whenSent_thenItIsRejectedByNumberAndTheRestIsTaken() {
        String body = "2026-11-03T11:00:01.640112+01:00 pve-infra qmeventd[1021]: Starting cleanup for 102\n"
                + "this is not a journal line\n"
                + "2026-11-03T11:00:02.011977+01:00 pve-infra qmeventd[1021]: Finished cleanup for 102\n";

        as(ingester).contentType("text/plain").body(body).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejected.size()", equalTo(1))
                .body("rejected[0].lineNumber", equalTo(2))
                .body("rejected[0].reason", containsString("journalctl -o short-iso-precise"));
    }

    @Test
    void givenOnlyGarbage_whenSent_then422AndNothingIsStored() {
        as(ingester).contentType("text/plain").body("garbage\nmore garbage\n")
                .post("/api/v1/hosts/" + host + "/ingest/journal").then().statusCode(422)
                .contentType("application/problem+json");

        assertThat(storedEvents()).isZero();
    }

    @Test
    void givenJsonContentType_whenSent_then415AndNothingIsStored() {
        as(ingester).contentType("application/json").body("{\"MESSAGE\":\"x\"}")
                .post("/api/v1/hosts/" + host + "/ingest/journal").then().statusCode(415);

        assertThat(storedEvents()).isZero();
    }

    @Test
    void givenAReaderKey_whenItSendsJournal_then403() {
        as(reader).contentType("text/plain").body(fixture()).post("/api/v1/hosts/" + host + "/ingest/journal")
                .then().statusCode(403);

        assertThat(storedEvents()).isZero();
    }

    private long storedEvents() {
        return store.readAfter(before, 10_000).stream().map(StoredEvent::aggregate)
                .filter(a -> a.id().startsWith(host + "/")).count();
    }

    private List<JsonNode> awaitWindows(Predicate<List<JsonNode>> until) {
        List<List<JsonNode>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.add(0, windows());
            return until.test(last.get(0));
        });
        return last.get(0);
    }

    private List<JsonNode> windows() {
        String body = as(reader).queryParam("from", "2026-11-01").queryParam("to", "2026-12-01")
                .get("/api/v1/hosts/" + host + "/disruptions").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(body).get("items").forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static String summary(JsonNode w) {
        return String.join("|", w.get("target").asText(), w.get("cause").asText(), w.get("start").asText(),
                w.get("end").asText());
    }

    private static String fixture() {
        try (InputStream in = JournalIngestionTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
