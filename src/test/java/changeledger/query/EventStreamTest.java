package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.createKeyWithId;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.TaskLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events/stream} over real HTTP, with a short keep-alive and a small stream limit. */
@QuarkusTest
@TestProfile(EventStreamTest.ShortTimers.class)
class EventStreamTest {

    /**
     * A keep-alive a test can wait for, a limit it can reach, pages smaller than an upload, and no shared head check
     * within a test: only the signal of each committed index batch wakes the streams.
     */
    public static class ShortTimers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("changeledger.stream.keep-alive", "300ms", "changeledger.stream.max-streams", "3",
                    "changeledger.stream.page-size", "7", "changeledger.stream.check-interval", "1h");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    @Inject
    EventStreams streams;

    private String reader;

    @BeforeEach
    void noStreamLeft() {
        reader = createKey("reader");
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
    }

    @Test
    void givenUploadsRunning_whenAClientDropsAfterEventNAndResumesWithLastEventId_thenItGetsEveryLaterEventOnce()
            throws Exception {
        String host = registerHost("stream", "lab", "pve-stream");
        String ingester = createKey("ingester", host);
        CountDownLatch dropped = new CountDownLatch(1);
        CompletableFuture<Void> uploads = CompletableFuture.runAsync(() -> {
            for (int batch = 0; batch < 12; batch++) {
                upload(host, "pve-stream", ingester, T0.plus(Duration.ofHours(batch)), 4);
                if (batch == 5) {
                    await().atMost(WAIT).until(() -> dropped.getCount() == 0);
                }
            }
        });
        List<String> first = new ArrayList<>();
        try (SseClient client = SseClient.open(uri("host", host, "after", "0"), reader, null)) {
            while (first.size() < 20) {
                SseClient.Event event = client.nextEvent(WAIT);
                assertThat(event).as("event %d", first.size() + 1).isNotNull();
                assertThat(JSON.readTree(event.data()).get("position").asText()).isEqualTo(event.id());
                first.add(event.id());
            }
        } finally {
            dropped.countDown();
        }
        assertThat(uploads).as("the client dropped while uploads still ran").isNotDone();
        List<String> resumed = new ArrayList<>();
        try (SseClient client = SseClient.open(uri("host", host), reader, first.get(first.size() - 1))) {
            uploads.get();
            int total = positions(host).size();
            while (first.size() + resumed.size() < total) {
                SseClient.Event event = client.nextEvent(WAIT);
                assertThat(event).as("event %d of %d", first.size() + resumed.size() + 1, total).isNotNull();
                resumed.add(event.id());
            }
            assertThat(client.nextEvent(Duration.ofMillis(500))).as("nothing after the last event").isNull();
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(resumed);
        assertThat(all).as("1 registration + 12 uploads of 4 finished tasks").hasSize(1 + 12 * 4 * 2)
                .doesNotHaveDuplicates().containsExactlyElementsOf(positions(host));
    }

    @Test
    void givenAHostLimitedKey_whenStreamingEverything_thenOnlyItsHostsEventsArrive() throws Exception {
        String mine = registerHost("stream-mine", "lab", "pve-mine");
        String other = registerHost("stream-other", "lab", "pve-other");
        String limited = createKey("reader", mine);
        as(limited).queryParam("host", other).get("/api/v1/events/stream").then().statusCode(404);
        try (SseClient client = SseClient.open(uri(), limited, null)) {
            upload(other, "pve-other", createKey("ingester", other), T0, 3);
            upload(mine, "pve-mine", createKey("ingester", mine), T0, 2);
            Set<String> hosts = new HashSet<>();
            int received = 0;
            while (received < 4) {
                SseClient.Event event = client.nextEvent(WAIT);
                assertThat(event).as("event %d of mine", received + 1).isNotNull();
                hosts.add(JSON.readTree(event.data()).path("hostId").asText());
                received++;
            }
            assertThat(hosts).containsExactly(mine);
            assertThat(client.nextEvent(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void givenAnIdleStream_thenKeepAliveCommentsArrive() throws Exception {
        try (SseClient client = SseClient.open(uri("host", registerHost("stream-idle", "lab", "pve-idle")), reader,
                null)) {
            assertThat(client.comments(Duration.ofSeconds(10), "keep-alive")).contains("stream open", "keep-alive");
        }
    }

    @Test
    void givenAnOpenStream_whenItsKeyIsRevoked_thenTheStreamEnds() throws Exception {
        Map<String, String> key = createKeyWithId("reader");
        try (SseClient client = SseClient.open(uri(), key.get("token"), null)) {
            assertThat(client.comments(Duration.ofSeconds(10), "keep-alive")).contains("keep-alive");
            asAdmin().delete("/api/v1/api-keys/" + key.get("id")).then().statusCode(204);
            assertThat(client.comments(WAIT, "end")).as("the server ended the stream").contains("end");
        }
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
    }

    @Test
    void givenAsManyStreamsAsAllowed_whenOneMoreOpens_then503WithRetryAfter_andAClosedStreamFreesItsPlace()
            throws Exception {
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(SseClient.open(uri(), reader, null));
            }
            as(reader).get("/api/v1/events/stream").then().statusCode(503).header("Retry-After", "10")
                    .contentType("application/problem+json").body("detail", containsString("3 live event streams"));
            open.remove(0).close();
            await().atMost(WAIT).until(() -> streams.openStreams() == 2);
            open.add(SseClient.open(uri(), reader, null));
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void givenBadParameters_thenProblemsBeforeTheStreamStarts() {
        as(reader).queryParam("limit", 5).get("/api/v1/events/stream").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Unknown query parameter"));
        as(reader).header("Last-Event-ID", "abc").get("/api/v1/events/stream").then().statusCode(400)
                .body("detail", containsString("Last-Event-ID"));
        as(reader).header("Last-Event-ID", Long.toString(Long.MAX_VALUE)).get("/api/v1/events/stream").then()
                .statusCode(400).body("detail", containsString("not the position of an event"));
        as(reader).queryParam("class", "nope").get("/api/v1/events/stream").then().statusCode(400);
    }

    private URI uri(String... parameters) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(stream + query.toString());
    }

    /** Every position of the host's events, in the order of GET /api/v1/events. */
    private List<String> positions(String host) throws Exception {
        List<String> positions = new ArrayList<>();
        String body = as(reader).queryParam("host", host).queryParam("limit", 1000).get("/api/v1/events")
                .then().statusCode(200).extract().asString();
        for (JsonNode item : JSON.readTree(body).get("items")) {
            positions.add(item.get("position").asText());
        }
        return positions;
    }

    private static void upload(String host, String node, String ingester, Instant start, int tasks) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Instant at = start.plusSeconds(60L * i);
            lines.add(TaskLines.index(upid().node(node).type("qmstart").id("1" + i).user("root@pam")
                    .startTime(at).text(), at.plusSeconds(5), "OK"));
        }
        as(ingester).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(tasks));
    }
}
