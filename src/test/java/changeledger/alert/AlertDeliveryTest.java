package changeledger.alert;

import static changeledger.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.EventStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery against a local HTTP receiver: at least once with backoff and every attempt recorded; a deliverer that
 * starts again from what is stored sends nothing twice and loses nothing; each target gets its own format.
 */
@QuarkusTest
@TestProfile(AlertTestProfile.class)
class AlertDeliveryTest {

    private static AlertReceiver receiver;

    @Inject
    AlertDeliverer deliverer;
    @Inject
    AlertOutbox outbox;
    @Inject
    AlertSettings settings;
    @Inject
    AlertConfig config;
    @Inject
    EventStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void listen() {
        receiver = AlertReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void givenAReceiverThatAnswers500Twice_thenTheThirdTryDeliversAndBothFailuresAreRecorded() {
        // given: the flaky target answers 500 twice
        AlertFixture host = new AlertFixture(register(AlertTestProfile.FLAKY_HOST, "pve-f"), "pve-f");
        receiver.answer("/flaky", 500, 500);

        // when: a task fails, and the deliverer runs until the alert is delivered
        host.tasks(host.task("qmstart", "101", Instant.now().truncatedTo(ChronoUnit.SECONDS), "start failed"));
        String alertId = (String) host.awaitAlerts("flaky", a -> !a.isEmpty()).get(0).get("alertId");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            deliverer.deliverDue();
            return delivery(host, "flaky").get("delivered").equals(Boolean.TRUE);
        });

        // then: three requests with the same alert id; attempts 1 and 2 failed with the status, 3 delivered
        assertThat(receiver.at("/flaky")).hasSize(3)
                .allMatch(r -> r.json().getString("alertId").equals(alertId));
        assertThat(delivery(host, "flaky").get("attempts")).isEqualTo(3);
        List<Map<String, Object>> failed = events("AlertDeliveryFailed", alertId);
        assertThat(failed).extracting(p -> p.get("attempt")).containsExactly(1, 2);
        assertThat(failed).extracting(p -> p.get("error")).containsOnly("HTTP 500");
        assertThat(events("AlertDelivered", alertId)).extracting(p -> p.get("attempt")).containsExactly(3);
    }

    @Test
    void givenADeliveredAlertAndAPendingOne_whenTheDelivererStartsAgain_thenNothingTwiceAndNothingLost()
            throws Exception {
        // given: alert A delivered; alert B failed once (503), then claimed by a deliverer that stopped before it
        // recorded anything
        AlertFixture host = new AlertFixture(register(AlertTestProfile.RESTART_HOST, "pve-r"), "pve-r");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        host.tasks(host.task("qmstart", "101", t, "start failed"));
        String first = (String) host.awaitAlerts("restart", a -> a.size() == 1).get(0).get("alertId");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            deliverer.deliverDue();
            return receiver.at("/restart").size() == 1;
        });
        receiver.answer("/restart", 503);
        host.tasks(host.task("qmstart", "102", t.plusSeconds(60), "start failed"));
        String second = (String) host.awaitAlerts("restart", a -> a.size() == 2).get(1).get("alertId");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            deliverer.deliverDue();
            return receiver.at("/restart").size() == 2;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return outbox.claimDue(connection, 50, config.timeout().multipliedBy(3)).stream()
                        .anyMatch(d -> d.alertId().toString().equals(second));
            }
        }));

        // when: a deliverer built afresh from the stored state runs until nothing is pending
        AlertDeliverer restarted = new AlertDeliverer(outbox, settings, config, store, dataSource, mapper);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            restarted.deliverDue();
            return host.alerts("restart").stream().allMatch(a -> deliveries(a).get(0).get("delivered")
                    .equals(Boolean.TRUE));
        });

        // then: A was sent once; B twice (the 503, then the delivery on attempt 2); the claim left no attempt
        assertThat(receiver.at("/restart")).extracting(r -> r.json().getString("alertId"))
                .containsExactly(first, second, second);
        assertThat(events("AlertDelivered", first)).extracting(p -> p.get("attempt")).containsExactly(1);
        assertThat(events("AlertDeliveryFailed", second)).extracting(p -> p.get("attempt")).containsExactly(1);
        assertThat(events("AlertDelivered", second)).extracting(p -> p.get("attempt")).containsExactly(2);
    }

    @Test
    void givenWebhookNtfyAndGotifyTargets_thenEachRequestHasTheFieldsItsServerRequires() throws Exception {
        // given / when: a failed task, delivered to the three targets of the 'failed' rule
        AlertFixture host = new AlertFixture(changeledger.support.Api.registerHost("alert-fmt", "lab", "pve-m"),
                "pve-m");
        host.tasks(host.task("vzstart", "300", Instant.now().truncatedTo(ChronoUnit.SECONDS), "start failed"));
        Map<String, Object> alert = host.awaitAlerts("failed", a -> !a.isEmpty()).get(0);
        String alertId = (String) alert.get("alertId");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            deliverer.deliverDue();
            return deliveries(host.alerts("failed").get(0)).stream().allMatch(d -> d.get("delivered")
                    .equals(Boolean.TRUE));
        });

        // then: the webhook: the alert as JSON, signed with HMAC-SHA256 of the body
        AlertReceiver.Received hook = receiver.at("/hook").stream()
                .filter(r -> r.json().getString("alertId").equals(alertId)).findFirst().orElseThrow();
        JsonPath body = hook.json();
        assertThat(body.getString("rule")).isEqualTo("failed");
        assertThat(body.getString("hostId")).isEqualTo(host.hostId());
        assertThat(body.getString("title")).isEqualTo("Task failed on " + host.hostId());
        assertThat(body.getString("message")).contains("vzstart 300 failed");
        assertThat(body.getString("link")).isEqualTo("https://ledger.example/hosts/" + host.hostId());
        assertThat(body.getString("occurredAt")).isNotBlank();
        assertThat(body.getList("events")).hasSize(1);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(AlertTestProfile.HMAC_SECRET.getBytes(), "HmacSHA256"));
        assertThat(hook.header("X-Changeledger-Signature"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(hook.body())));

        // ntfy: JSON published to the server's root (https://docs.ntfy.sh/publish/#publish-as-json), token as Bearer
        AlertReceiver.Received ntfy = receiver.at("/ntfy/").stream()
                .filter(r -> r.json().getString("message").contains(host.hostId())).findFirst().orElseThrow();
        assertThat(ntfy.method()).isEqualTo("POST");
        assertThat(ntfy.header("Authorization")).isEqualTo("Bearer " + AlertTestProfile.NTFY_TOKEN);
        assertThat(ntfy.header("Content-Type")).isEqualTo("application/json");
        assertThat(ntfy.json().getString("topic")).isEqualTo("cl-alerts");
        assertThat(ntfy.json().getString("title")).isEqualTo(body.getString("title"));
        assertThat(ntfy.json().getInt("priority")).isBetween(1, 5);
        assertThat(ntfy.json().getList("tags")).contains("failed-task");
        assertThat(ntfy.json().getString("click")).isEqualTo(body.getString("link"));

        // Gotify: POST /message with the application token in X-Gotify-Key; message required, the link as click
        AlertReceiver.Received gotify = receiver.at("/gotify/message").stream()
                .filter(r -> r.json().getString("message").contains(host.hostId())).findFirst().orElseThrow();
        assertThat(gotify.header("X-Gotify-Key")).isEqualTo(AlertTestProfile.GOTIFY_TOKEN);
        assertThat(gotify.json().getString("message")).isEqualTo(body.getString("message"));
        assertThat(gotify.json().getString("title")).isEqualTo(body.getString("title"));
        assertThat(gotify.json().getInt("priority")).isBetween(0, 10);
        assertThat(gotify.json().getString("extras.'client::notification'.click.url"))
                .isEqualTo(body.getString("link"));

        // and no secret of a target is in the events or the alert list
        String recorded = asAdmin().queryParam("limit", 1000).queryParam("type", "AlertRaised")
                .get("/api/v1/events").then().statusCode(200).extract().asString()
                + asAdmin().get("/api/v1/alerts?limit=1000").then().statusCode(200).extract().asString();
        assertThat(recorded).contains(alertId).doesNotContain(AlertTestProfile.HMAC_SECRET)
                .doesNotContain(AlertTestProfile.NTFY_TOKEN).doesNotContain(AlertTestProfile.GOTIFY_TOKEN);
    }

    private static String register(String id, String node) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "name", id, "role", "lab", "node", node))
                .post("/api/v1/hosts").then().statusCode(201);
        return id;
    }

    private static Map<String, Object> delivery(AlertFixture host, String rule) {
        return deliveries(host.alerts(rule).get(0)).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> deliveries(Map<String, Object> alert) {
        return (List<Map<String, Object>>) alert.get("deliveries");
    }

    /** The payloads of the alert's events of one type, in store order, once the event index has them all. */
    private static List<Map<String, Object>> events(String type, String alertId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
        List<Map<String, Object>> payloads = asAdmin().queryParam("type", type).queryParam("limit", 1000)
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath().getList("items.payload");
        return payloads.stream().filter(p -> alertId.equals(p.get("alertId"))).toList();
    }
}
