package changeledger.alert;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.evidence.GapDetector;
import changeledger.support.ChangeRequests;
import changeledger.support.PveNotifications;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each rule fires once per occurrence (DESIGN "Journal, Proxmox notifications, alerts"): changes uploaded over HTTP
 * raise their alerts from the events, and the same uploads again, later events and further checks raise none twice.
 */
@QuarkusTest
@TestProfile(AlertTestProfile.class)
class AlertRulesTest {

    private static AlertReceiver receiver;

    @Inject
    AlertDeliverer deliverer;

    @Inject
    GapDetector detector;

    @BeforeAll
    static void listen() {
        receiver = AlertReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void givenAHostThatRequiresRequests_whenChangesNoRequestCovers_thenUnplannedSecurityAndDisruptionOnceEach() {
        // given: an infrastructure host (requests required) and an approved request for guest 102 this hour
        AlertFixture host = new AlertFixture(registerHost("alert-infra", "infrastructure", "pve-a"), "pve-a");
        Instant t = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        String request = ChangeRequests.submit(createKey("submitter", host.hostId()),
                ChangeRequests.body(host.hostId(), "102", t, t.plus(Duration.ofHours(1))));
        ChangeRequests.step(createKey("approver", host.hostId()), request, "approve", Map.of("comment", "ok"))
                .statusCode(200);

        // when: a covered change of 102, then changes of 101 (one disruptive) and an ACL change that none covers
        String covered = host.task("qmconfig", "102", t.plusSeconds(60), "OK");
        String config = host.task("qmconfig", "101", t.plusSeconds(120), "OK");
        String reboot = host.task("qmreboot", "101", t.plusSeconds(180), "OK");
        host.tasks(covered);
        host.tasks(config, reboot);
        host.call("PUT", "/api2/json/access/acl", t.plusSeconds(240));

        // then: three unplanned changes, one security change, one disruption
        List<Map<String, Object>> unplanned = host.awaitAlerts("unplanned", a -> a.size() >= 3);
        assertThat(unplanned).extracting(a -> (String) a.get("message"))
                .anyMatch(m -> m.startsWith("qmconfig 101")).anyMatch(m -> m.startsWith("qmreboot 101"))
                .anyMatch(m -> m.startsWith("PUT /api2/json/access/acl"))
                .noneMatch(m -> m.contains("qmconfig 102"));
        List<Map<String, Object>> security = host.awaitAlerts("security", a -> !a.isEmpty());
        assertThat(security.get(0).get("message").toString()).contains("/access/acl").contains("root@pam");
        List<Map<String, Object>> disruption = host.awaitAlerts("disruption", a -> !a.isEmpty());
        assertThat(disruption.get(0).get("message").toString()).contains("guest 101").contains("qmreboot");
        assertThat(disruption.get(0).get("link")).isEqualTo("https://ledger.example/hosts/" + host.hostId());

        // when: the same uploads again (duplicates), then a failed task as a marker that everything before is decided
        host.tasks(covered, config, reboot);
        host.call("PUT", "/api2/json/access/acl", t.plusSeconds(240));
        host.tasks(host.task("qmstart", "101", t.plusSeconds(600), "start failed: timeout"));
        host.awaitAlerts("failed", a -> !a.isEmpty());

        // then: nothing raised twice, and each alert reaches its target once
        assertThat(host.alerts("unplanned")).hasSize(3);
        assertThat(host.alerts("security")).hasSize(1);
        assertThat(host.alerts("disruption")).hasSize(1);
        deliverAll(host);
        Map<Object, Long> receipts = receiver.at("/hook").stream().map(r -> r.json().getString("alertId"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        host.alerts().forEach(a -> assertThat(receipts.get(a.get("alertId"))).as("receipts of %s", a.get("rule"))
                .isEqualTo(1L));
    }

    @Test
    void givenABurstRule_whenMoreDestroysThanItsCountWithinItsWindow_thenOneAlertForTheBurst() {
        // given: a lab host (no requests required); the rule fires above 2 destroys in 10 minutes
        AlertFixture host = new AlertFixture(registerHost("alert-burst", "lab", "pve-b"), "pve-b");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

        // when: two destroys, then a third and a fourth within the window
        host.tasks(host.task("qmdestroy", "201", t, "OK"), host.task("vzdestroy", "202", t.plusSeconds(60), "OK"));
        host.tasks(host.task("qmdestroy", "203", t.plusSeconds(120), "OK"));
        host.tasks(host.task("qmdestroy", "204", t.plusSeconds(180), "OK"));
        host.tasks(host.task("qmstart", "205", t.plusSeconds(240), "start failed"));
        host.awaitAlerts("failed", a -> !a.isEmpty());

        // then: one burst alert, at the third destroy
        List<Map<String, Object>> bursts = host.alerts("burst");
        assertThat(bursts).hasSize(1);
        assertThat(bursts.get(0).get("occurredAt")).isEqualTo(t.plusSeconds(120).toString());
        assertThat(bursts.get(0).get("message").toString()).startsWith("3 tasks of types [qmdestroy, vzdestroy]");
    }

    @Test
    void givenACollectorFallingSilent_whenTheDetectorOpensAGap_thenOneGapAlert() {
        // given: a host whose collector uploaded once
        AlertFixture host = new AlertFixture(registerHost("alert-gap", "infrastructure", "pve-g"), "pve-g");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        host.tasks(host.task("qmstart", "101", t, "OK"));

        // when: the detector finds it silent two hours later, and again later
        assertThat(detector.checkHost(host.hostId(), Instant.now().plus(Duration.ofHours(2)))).hasSize(1);
        assertThat(detector.checkHost(host.hostId(), Instant.now().plus(Duration.ofHours(3)))).isEmpty();
        host.tasks(host.task("qmstart", "102", t.plusSeconds(60), "failed"));
        host.awaitAlerts("failed", a -> !a.isEmpty());

        // then: one alert for the gap
        List<Map<String, Object>> gaps = host.alerts("gap");
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).get("message").toString()).contains("silent since").contains("task-index");
    }

    @Test
    void givenAFencingNotification_thenOneDisruptionAlertForTheNode() {
        // given: a node that Proxmox's HA manager fenced (the notification as proxmox-notify's webhook sends it)
        AlertFixture host = new AlertFixture(registerHost("alert-fence", "lab", "pve-lab"), "pve-lab");
        String ingester = createKey("ingester", host.hostId());
        PveNotifications.post(ingester, host.hostId(), "application/json",
                PveNotifications.fixture("fencing-succeeded.json")).statusCode(200);

        // when: the same notification again, then a failed task as a marker
        PveNotifications.post(ingester, host.hostId(), "application/json",
                PveNotifications.fixture("fencing-succeeded.json")).statusCode(200);
        host.tasks(host.task("qmstart", "101", Instant.now().truncatedTo(ChronoUnit.SECONDS), "start failed"));
        host.awaitAlerts("failed", a -> !a.isEmpty());

        // then: one disruption alert, of the node, naming the notification's event
        List<Map<String, Object>> disruptions = host.alerts("disruption");
        assertThat(disruptions).hasSize(1);
        assertThat(disruptions.get(0).get("message").toString()).contains("disruption of node");
        assertThat((List<?>) disruptions.get(0).get("events")).hasSize(1);
    }

    @Test
    void givenTheInfrastructureHostJoinedToAClusterOfLabHosts_thenOneMixedZonesAlertForTheJoin() {
        String cluster = "z" + java.util.UUID.randomUUID().toString().substring(0, 8);
        AlertFixture lab = new AlertFixture(registerHost("alert-zl", "lab", "pve-zl"), "pve-zl");
        AlertFixture infra = new AlertFixture(registerHost("alert-zi", "infrastructure", "pve-zi"), "pve-zi");
        // a lab host alone in the cluster: no mixing
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\"}")
                .put("/api/v1/hosts/" + lab.hostId() + "/cluster").then().statusCode(200);
        // the infrastructure host joins it
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\"}")
                .put("/api/v1/hosts/" + infra.hostId() + "/cluster").then().statusCode(200);

        List<Map<String, Object>> alerts = infra.awaitAlerts("zones", a -> !a.isEmpty());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("message").toString()).contains("joined cluster " + cluster)
                .contains("homelab, secured");
        assertThat(lab.alerts("zones")).isEmpty();
    }

    private void deliverAll(AlertFixture host) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            deliverer.deliverDue();
            return host.alerts().stream().allMatch(a -> ((List<Map<String, Object>>) a.get("deliveries")).stream()
                    .allMatch(d -> Boolean.TRUE.equals(d.get("delivered"))));
        });
    }
}
