package changeledger.alert;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alert list is limited to the hosts a key reads; the test message needs an admin key for all hosts. */
@QuarkusTest
@TestProfile(AlertTestProfile.class)
class AlertApiTest {

    private static AlertReceiver receiver;

    @BeforeAll
    static void listen() {
        receiver = AlertReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void givenAlertsOfTwoHosts_thenAReaderOfOneSeesOnlyItsOwn() {
        // given: a failed task on each of two hosts
        AlertFixture one = new AlertFixture(registerHost("alert-one", "lab", "pve-1"), "pve-1");
        AlertFixture two = new AlertFixture(registerHost("alert-two", "lab", "pve-2"), "pve-2");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        one.tasks(one.task("qmstart", "101", t, "start failed"));
        two.tasks(two.task("qmstart", "101", t, "start failed"));
        one.awaitAlerts("failed", a -> !a.isEmpty());
        two.awaitAlerts("failed", a -> !a.isEmpty());

        // then: a reader of host one lists alerts of host one only, and host two does not exist for it
        String reader = createKey("reader", one.hostId());
        List<String> hosts = as(reader).queryParam("limit", 1000).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath().getList("items.hostId");
        assertThat(hosts).isNotEmpty().containsOnly(one.hostId());
        as(reader).queryParam("host", two.hostId()).get("/api/v1/alerts").then().statusCode(404);
        as(reader).queryParam("host", one.hostId()).get("/api/v1/alerts").then().statusCode(200)
                .body("items.rule", org.hamcrest.Matchers.hasItem("failed"))
                .body("items.deliveries.flatten().target", org.hamcrest.Matchers.hasItems("hook", "ntfy", "gotify"));
        as(reader).queryParam("limit", 0).get("/api/v1/alerts").then().statusCode(400);
    }

    @Test
    void givenTheTestOperation_thenOnlyAnAdminForAllHostsSendsOneMessageToEachTarget() {
        String host = registerHost("alert-test", "lab", "pve-t");
        as(createKey("reader")).post("/api/v1/alerts/test").then().statusCode(403);
        as(createKey("admin", host)).post("/api/v1/alerts/test").then().statusCode(403);
        int before = receiver.at("/hook").size();

        asAdmin().post("/api/v1/alerts/test").then().statusCode(200)
                .body("items.target", equalTo(List.of("flaky", "gotify", "hook", "ntfy", "restart")))
                .body("items.delivered", everyItem(equalTo(true)));

        assertThat(receiver.at("/hook")).hasSize(before + 1);
        assertThat(receiver.at("/hook").get(before).json().getString("title")).isEqualTo("changeledger test alert");
        assertThat(receiver.at("/gotify/message")).anyMatch(r -> r.json().getString("title")
                .equals("changeledger test alert"));
    }
}
