package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.PveNotifications.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.EventStore;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import changeledger.support.Api;
import changeledger.support.PveNotifications;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/v1/hosts/{id}/ingest/pve-notification} over real HTTP with the bodies of
 * {@code src/test/resources/proxmox/notifications/} (see its README for the Proxmox sources of each).
 */
@QuarkusTest
class NotificationIngestionTest {

    private static final String TYPE = "ProxmoxNotificationReceived";

    @Inject
    EventStore store;

    String host;
    String notifier;
    String reader;
    GlobalCursor before;

    @BeforeEach
    void host() {
        host = registerHost("notify", "lab", "pve-lab");
        notifier = createKey("notifier", host);
        reader = createKey("reader", host);
        before = store.safeHead().orElse(GlobalCursor.START);
    }

    private ValidatableResponse post(String token, String contentType, String body) {
        return PveNotifications.post(token, host, contentType, body);
    }

    private List<StoredEvent> stored() {
        return store.readAfter(before, 1000).stream().filter(e -> TYPE.equals(e.type()))
                .filter(e -> e.aggregate().id().startsWith(host + "/")).toList();
    }

    private List<Map<String, Object>> events() {
        return as(reader).get("/api/v1/events?host=" + host + "&type=" + TYPE).then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Nested
    class Accepted {

        @ParameterizedTest
        @CsvSource({
                "vzdump-ok.json,           vzdump,          info,    routine,  'vzdump (info): vzdump backup status (pve-lab.home.arpa): backup successful'",
                "vzdump-failed.json,       vzdump,          error,   routine,  'vzdump (error): vzdump backup status (pve-lab.home.arpa): backup failed'",
                "replication-failed.json,  replication,     error,   routine,  'replication (error): Replication Job: ''103-0'' failed'",
                "fencing-trying.json,      fencing,         error,   incident, 'fencing (error): Trying to fence node ''pve-lab'''",
                "fencing-succeeded.json,   fencing,         error,   incident, 'fencing (error): Successfully fenced node ''pve-lab'''",
                "package-updates.json,     package-updates, info,    routine,  'package-updates (info): New software packages available (pve-lab.home.arpa)'",
                "system-mail.json,         system-mail,     unknown, unknown,  'system-mail (unknown): SMART error (FailedReadSmartErrorLog) detected on host: pve-lab'"
        })
        void givenEachNotificationType_thenStoredAndShownInTheAuditQuery(String file, String type, String severity,
                                                                         String eventClass, String summary) {
            String body = fixture(file);

            post(notifier, "application/json", body).statusCode(200)
                    .body("accepted", equalTo(1)).body("duplicates", equalTo(0));

            List<StoredEvent> stored = stored();
            assertThat(stored).hasSize(1);
            JsonPath sent = JsonPath.from(body);
            assertThat(stored.get(0).payload().path("type").asText()).isEqualTo(type);
            assertThat(stored.get(0).payload().path("severity").asText()).isEqualTo(severity);
            assertThat(stored.get(0).payload().path("title").asText()).isEqualTo(sent.getString("title"));
            assertThat(stored.get(0).payload().path("message").asText()).isEqualTo(sent.getString("message"));
            assertThat(stored.get(0).payload().path("fields").path("hostname").asText()).isEqualTo("pve-lab");
            assertThat(stored.get(0).occurredAt().getEpochSecond()).isEqualTo(sent.getLong("timestamp"));
            assertThat(stored.get(0).metadata().path("source").asText()).isEqualTo("pve-notification");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events()).singleElement()
                    .satisfies(e -> {
                        assertThat(e.get("class")).isEqualTo(eventClass);
                        assertThat(e.get("summary")).isEqualTo(summary);
                        assertThat(e.get("hostId")).isEqualTo(host);
                    }));
        }

        @Test
        void givenTheSameNotificationAgain_thenDuplicateAndNothingAdded() {
            post(notifier, "application/json", fixture("vzdump-ok.json")).statusCode(200).body("accepted", equalTo(1));

            post(notifier, "application/json", fixture("vzdump-ok.json")).statusCode(200)
                    .body("accepted", equalTo(0)).body("duplicates", equalTo(1));

            assertThat(stored()).hasSize(1);
        }

        @Test
        void givenAnotherNotificationOfTheSameSecond_thenTwoEvents() {
            String first = fixture("fencing-trying.json");
            post(notifier, "application/json", first).statusCode(200).body("accepted", equalTo(1));

            post(notifier, "application/json", first.replace("will now fence", "will fence")).statusCode(200)
                    .body("accepted", equalTo(1));

            assertThat(stored()).hasSize(2);
        }

        @Test
        void givenProxmoxTestNotification_thenIgnored_nothingStored_butASignOfLife() {
            post(notifier, "application/json", fixture("test.json")).statusCode(200)
                    .body("accepted", equalTo(0)).body("ignored", equalTo(1));

            assertThat(stored()).isEmpty();
            assertThat(as(reader).get("/api/v1/hosts/" + host + "/evidence").then().statusCode(200).extract()
                    .jsonPath().getList("sources.name", String.class)).containsExactly("pve-notification");
        }

        @Test
        void givenNoContentType_thenAccepted_asProxmoxSendsItWithoutTheHeader() throws Exception {
            // proxmox-notify's webhook sends only the headers the target configures: no Content-Type by default
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + RestAssured.port + "/api/v1/hosts/" + host + "/ingest/pve-notification"))
                    .header("Authorization", "Bearer " + notifier)
                    .POST(HttpRequest.BodyPublishers.ofString(fixture("vzdump-ok.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"accepted\":1");
            assertThat(stored()).hasSize(1);
        }

        @Test
        void givenTheHostsIngesterKey_thenAccepted() {
            post(createKey("ingester", host), "application/json", fixture("package-updates.json")).statusCode(200)
                    .body("accepted", equalTo(1));
        }

        @Test
        void givenTimestampAsTextAndAFieldProxmoxDoesNotSet_thenAccepted() {
            String body = fixture("system-mail.json").replaceFirst("\"timestamp\": (\\d+)", "\"timestamp\": \"$1\"")
                    .replace("\"type\":\"system-mail\"", "\"type\":\"system-mail\",\"uptime\":42");

            post(notifier, "application/json", body).statusCode(200).body("accepted", equalTo(1));

            assertThat(stored().get(0).payload().path("fields").path("uptime").asText()).isEqualTo("42");
        }
    }

    @Nested
    class Keys {

        @Test
        void givenTheNotifierKey_whenUploadingTasks_then403() {
            as(notifier).contentType("text/plain").body("").post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(403);
        }

        @Test
        void givenAnotherHostsNotifierOrAReader_then403AndNothingStored() {
            String other = createKey("notifier", registerHost("notify-other", "lab", "pve-other"));

            post(other, "application/json", fixture("vzdump-ok.json")).statusCode(403)
                    .contentType("application/problem+json");
            post(reader, "application/json", fixture("vzdump-ok.json")).statusCode(403);

            assertThat(stored()).isEmpty();
        }

        @Test
        void givenNotifierKeyWithoutHosts_then400() {
            as(Api.ADMIN_TOKEN).contentType("application/json")
                    .body(Map.of("name", "pve", "role", "notifier", "hosts", List.of()))
                    .post("/api/v1/api-keys").then().statusCode(400).body("detail", containsString("must name its hosts"));
        }
    }

    @Nested
    class Refused {

        private void refused(String body, int status, String detail) {
            post(notifier, "application/json", body).statusCode(status).contentType("application/problem+json")
                    .body("detail", containsString(detail));
            assertThat(stored()).isEmpty();
        }

        @Test
        void givenBodyThatIsNotJson_then400() {
            refused("{\"title\": \"x\", ", 400, "not valid JSON");
        }

        @Test
        void givenNoTitle_then400() {
            refused(fixture("vzdump-ok.json").replace("\"title\"", "\"subject\""), 400, "no 'title'");
        }

        @Test
        void givenUnknownSeverity_then400NamingTheKnownOnes() {
            refused(fixture("vzdump-ok.json").replace("\"severity\": \"info\"", "\"severity\": \"critical\""), 400,
                    "info, notice, warning, error or unknown");
        }

        @Test
        void givenSeverityRenderedWithoutJsonHelper_then400() {
            refused(fixture("vzdump-ok.json").replace("\"severity\": \"info\"", "\"severity\": info"), 400,
                    "not valid JSON");
        }

        @Test
        void givenNoFields_then400() {
            refused(fixture("vzdump-ok.json").replaceFirst(",\\s*\"fields\": \\{[^}]*}", ""), 400,
                    "{{ json fields }}");
        }

        @Test
        void givenFractionalTimestamp_then400() {
            refused(fixture("vzdump-ok.json").replaceFirst("\"timestamp\": (\\d+)", "\"timestamp\": $1.5"), 400,
                    "whole seconds");
        }

        @Test
        void givenAnArray_then400() {
            refused("[" + fixture("vzdump-ok.json") + "]", 400, "webhook template");
        }

        @Test
        void givenWrongContentType_then415() {
            post(notifier, "text/plain", fixture("vzdump-ok.json")).statusCode(415)
                    .contentType("application/problem+json");
            assertThat(stored()).isEmpty();
        }

        @Test
        void givenBodyOverFourMebibytes_then413() {
            String body = fixture("vzdump-ok.json").replace("Logs\\n====\\n", "Logs\\n====\\n"
                    + "x".repeat(5 * 1024 * 1024));
            post(notifier, "application/json", body).statusCode(413).contentType("application/problem+json");
            assertThat(stored()).isEmpty();
        }

        @Test
        void givenNulInTheMessage_then422WithTheReason() {
            post(notifier, "application/json", fixture("vzdump-ok.json").replace("Details", "De\\u0000tails"))
                    .statusCode(422).contentType("application/problem+json")
                    .body("rejected[0].reason", containsString("NUL"))
                    .body("rejected[0].line", containsString("backup successful"));
            assertThat(stored()).isEmpty();
        }
    }
}
