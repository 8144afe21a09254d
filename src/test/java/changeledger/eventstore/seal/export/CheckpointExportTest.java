package changeledger.eventstore.seal.export;

import changeledger.support.SharedPort;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.seal.Checkpoint;
import changeledger.eventstore.seal.CheckpointFile;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduled export, every second, to a real file and to a local HTTP receiver with a bearer token and a signature:
 * each gets the seal head once the chain moved on, and the file only whole lines, one per head.
 */
@QuarkusTest
@TestProfile(CheckpointExportTest.EverySecond.class)
class CheckpointExportTest {

    private static final String PORT_PROPERTY = "test.checkpoint-receiver.port";
    private static final String FILE_PROPERTY = "test.checkpoint-export.file";
    private static final String TOKEN = "checkpoint-receiver-bearer-token";
    private static final String SECRET = "checkpoint-signing-secret";
    private static final String PATH = "/ledger/checkpoints";

    /** One POST as received. */
    record Received(String authorization, String signature, String contentType, byte[] body) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @Inject
    EventStore store;

    /** Exports every second to a file of this JVM's under target/ and to the receiver, signed, with a token. */
    public static class EverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String p = "changeledger.seal.checkpoint-export.";
            return Map.of(p + "file", file().toString(), p + "url", "http://127.0.0.1:" + port() + PATH,
                    p + "bearer-token", TOKEN, p + "hmac-secret", SECRET, p + "every", "1s", p + "timeout", "2s");
        }
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port()), 0);
        receiver.createContext(PATH, exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst(CheckpointExporter.SIGNATURE_HEADER),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() throws IOException {
        receiver.stop(0);
        Files.deleteIfExists(file());
    }

    @Test
    @TestSecurity(user = "reader", roles = "reader")
    void givenEventsSealed_whenTheScheduleRuns_thenTheFileAndTheReceiverGetTheHead() throws Exception {
        // given: events appended after the service started, so the head moves past what was exported at start
        QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(uniqueAggregate("Exported"),
                AppendRequest.NEW_STREAM, List.of(event("Noted", "one"), event("Noted", "two"))), metadata("export")));

        // then: the file's last line and the receiver's last POST become the head the API serves
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath head = given().get("/api/v1/events/checkpoint").then().statusCode(200).extract().jsonPath();
            Optional<CheckpointFile.Line> last = Files.exists(file()) ? CheckpointFile.last(file()) : Optional.empty();
            assertThat(last).isPresent();
            assertThat(last.get().checkpoint().position()).isEqualTo(head.getLong("position"));
            assertThat(last.get().checkpoint().hash()).isEqualTo(head.getString("hash"));
            assertThat(RECEIVED).isNotEmpty();
            assertThat(JsonPath.from(new String(RECEIVED.get(RECEIVED.size() - 1).body(), StandardCharsets.UTF_8))
                    .getLong("position")).isEqualTo(head.getLong("position"));
        });

        // the file: whole JSON lines, each a checkpoint, never the same head twice, positions rising
        List<String> lines = Files.readAllLines(file());
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        List<Long> positions = lines.stream().map(l -> JsonPath.from(l).getLong("position")).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        Checkpoint last = CheckpointFile.last(file()).orElseThrow().checkpoint();
        given().queryParam("checkpointPosition", last.position()).queryParam("checkpointHash", last.hash())
                .get("/api/v1/events/verify").then().statusCode(200).body("verified", equalTo(true));

        // the receiver: JSON with the token and the body's HMAC, the same line the file holds
        Received post = RECEIVED.get(RECEIVED.size() - 1);
        assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(post.contentType()).isEqualTo("application/json");
        // computed here, not with the service's own signing code, so a wrong signature cannot pass
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(post.signature()).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(post.body())));
        assertThat(JsonPath.from(new String(post.body(), StandardCharsets.UTF_8)).getString("hash"))
                .isEqualTo(last.hash());
        assertThat(RECEIVED.stream().map(r -> JsonPath.from(new String(r.body(), StandardCharsets.UTF_8))
                .getLong("position")).toList()).doesNotHaveDuplicates();
    }

    /** A new file under target/, named once and shared through a system property like the port. */
    static Path file() {
        synchronized (System.getProperties()) {
            String file = System.getProperty(FILE_PROPERTY);
            if (file == null) {
                file = Path.of("target", "checkpoint-export-" + UUID.randomUUID() + ".jsonl").toAbsolutePath()
                        .toString();
                System.setProperty(FILE_PROPERTY, file);
            }
            return Path.of(file);
        }
    }

    /** The receiver's port, free when first chosen, shared through a system property. */
    static int port() {
        return SharedPort.of(PORT_PROPERTY);
    }
}
