package changeledger.config;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import changeledger.evidence.SignsOfLife;
import changeledger.support.PveFiles;
import changeledger.support.Tars;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshots pushed by the collector: a baseline, then only real changes, key by key, secrets redacted. */
@QuarkusTest
class ConfigSnapshotPushTest {

    @Inject
    EventStore store;
    @Inject
    SignsOfLife signs;

    String host;
    String ingester;

    @BeforeEach
    void host() {
        host = registerHost("cfg", "lab", "pve-lab");
        ingester = createKey("ingester", host);
    }

    private ValidatableResponse push(Map<String, String> files) {
        return push(Tars.of(files));
    }

    private ValidatableResponse push(byte[] body) {
        return as(ingester).contentType("application/x-tar").body(body)
                .post("/api/v1/hosts/" + host + "/ingest/config").then();
    }

    private List<StoredEvent> events() {
        return store.readStream(new AggregateRef("Config", host));
    }

    private List<StoredEvent> drifts() {
        return events().stream().filter(e -> e.type().equals("ConfigDriftObserved")).toList();
    }

    @Test
    void givenFirstSnapshot_thenBaselinePerTargetAndASignOfLife_andTheSameAgainAddsNothing() {
        push(PveFiles.node()).statusCode(200).body("files", equalTo(10)).body("baselines", equalTo(8))
                .body("drifts", equalTo(0)).body("rejectedCount", equalTo(0));
        assertThat(events()).extracting(e -> e.payload().get("target").asText()).containsExactlyInAnyOrder(
                "101", "102", "node", "security", "cluster", "storage:local", "storage:local-zfs", "storage:backup");
        assertThat(signs.of(host)).anyMatch(s -> s.source.equals("config"));

        push(PveFiles.node()).statusCode(200).body("baselines", equalTo(0)).body("drifts", equalTo(0))
                .body("unchanged", equalTo(8));
        assertThat(events()).hasSize(8);
    }

    @Test
    void givenOneKeyChanged_thenOneDriftWithExactlyThatDiffAndItsWindow() {
        push(PveFiles.node()).statusCode(200);
        Instant baseline = Instant.parse(events().get(0).payload().get("at").asText());
        Map<String, String> files = PveFiles.node();
        files.put("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101.replace("memory: 2048", "memory: 4096"));

        push(files).statusCode(200).body("drifts", equalTo(1)).body("unchanged", equalTo(7));

        assertThat(drifts()).hasSize(1);
        JsonNode drift = drifts().get(0).payload();
        assertThat(drift.get("target").asText()).isEqualTo("101");
        assertThat(drift.get("guest").asText()).isEqualTo("101");
        assertThat(drift.get("source").asText()).isEqualTo("config");
        assertThat(drift.get("security").asBoolean()).isFalse();
        assertThat(drift.get("changes")).hasSize(1);
        JsonNode change = drift.get("changes").get(0);
        assertThat(change.get("file").asText()).isEqualTo("etc/pve/qemu-server/101.conf");
        assertThat(change.get("section").asText()).isEmpty();
        assertThat(change.get("key").asText()).isEqualTo("memory");
        assertThat(change.get("before").asText()).isEqualTo("2048");
        assertThat(change.get("after").asText()).isEqualTo("4096");
        // the window starts when the snapshot was last known unchanged: the baseline push's own sign of life
        Instant configSeen = signs.of(host).stream().filter(sign -> sign.source.equals("config")).findFirst()
                .orElseThrow().lastSeenAt;
        assertThat(Instant.parse(drift.get("windowStart").asText())).isAfterOrEqualTo(baseline).isBefore(configSeen);
        assertThat(Instant.parse(drift.get("windowEnd").asText())).isAfter(baseline);
        assertThat(drifts().get(0).occurredAt()).isEqualTo(Instant.parse(drift.get("windowEnd").asText()));
    }

    @Test
    void givenOnlyNoise_thenNoEvent() {
        push(PveFiles.node()).statusCode(200);
        Map<String, String> files = PveFiles.node();
        files.put("etc/pve/qemu-server/101.conf", "lock: backup\n" + PveFiles.QEMU_101
                .replace("parent: before-upgrade", "parent: nightly")
                + "\n[nightly]\ncores: 2\nmemory: 2048\nparent: before-upgrade\nsnaptime: 1730200000\n"
                + "\n[PENDING]\nmemory: 8192\n");
        files.put("etc/pve/lxc/102.conf", PveFiles.LXC_102 + "\n[pve:pending]\ncores: 4\n");

        push(files).statusCode(200).body("drifts", equalTo(0)).body("unchanged", equalTo(8));
        assertThat(drifts()).isEmpty();
    }

    @Test
    void givenGuestAddedAndOneRemoved_thenADriftEach() {
        push(PveFiles.node()).statusCode(200);
        Map<String, String> files = PveFiles.node();
        files.remove("etc/pve/lxc/102.conf");
        files.put("etc/pve/qemu-server/103.conf", "cores: 1\nmemory: 1024\nname: grafana\n");

        push(files).statusCode(200).body("drifts", equalTo(2));

        Map<String, JsonNode> byTarget = drifts().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.payload().get("target").asText(), StoredEvent::payload));
        assertThat(byTarget.keySet()).containsExactlyInAnyOrder("102", "103");
        assertThat(byTarget.get("103").get("changes")).hasSize(3)
                .allMatch(c -> c.get("before").isNull() && !c.get("after").isNull());
        assertThat(byTarget.get("102").get("changes")).hasSize(11)
                .allMatch(c -> !c.get("before").isNull() && c.get("after").isNull());

        push(files).statusCode(200).body("drifts", equalTo(0));
        assertThat(drifts()).hasSize(2);
    }

    @Test
    void givenSecretsChanged_thenRecordedRedactedAndSecurityFlagged() {
        push(PveFiles.node()).statusCode(200);
        Map<String, String> files = PveFiles.node();
        files.put("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101.replace("Vn0yHdB9", "Zz9yHdB9"));
        files.put("etc/pve/user.cfg", PveFiles.USER.replace("token:root@pam!ci:0:1::",
                "token:root@pam!ci:0:0::").replace("Administrator", "PVEAuditor"));

        push(files).statusCode(200).body("drifts", equalTo(2));

        String all = drifts().toString();
        assertThat(all).doesNotContain("Vn0yHdB9").doesNotContain("Zz9yHdB9");
        JsonNode guest = drifts().stream().filter(e -> e.payload().get("target").asText().equals("101"))
                .findFirst().orElseThrow().payload();
        assertThat(guest.get("changes")).hasSize(1);
        assertThat(guest.get("changes").get(0).get("key").asText()).isEqualTo("cipassword");
        assertThat(guest.get("changes").get(0).get("before").asText()).isEqualTo("(redacted)");
        assertThat(guest.get("changes").get(0).get("after").asText()).isEqualTo("(redacted, changed)");
        JsonNode security = drifts().stream().filter(e -> e.payload().get("target").asText().equals("security"))
                .findFirst().orElseThrow().payload();
        assertThat(security.get("security").asBoolean()).isTrue();
        assertThat(security.get("changes")).extracting(c -> c.get("section").asText() + " " + c.get("key").asText()
                + " " + c.get("after").asText()).containsExactlyInAnyOrder(
                "acl / @admins propagate=1 roles=PVEAuditor", "token root@pam!ci 0:0::");
    }

    @Test
    void givenGzippedTarAndSecondHostsIngester_thenTakenAndTheOtherRefused() {
        push(Tars.gzip(Tars.of(PveFiles.node()))).statusCode(200).body("baselines", equalTo(8));
        String other = createKey("ingester", registerHost("cfg-other", "lab", "pve-other"));
        as(other).contentType("application/x-tar").body(Tars.of(PveFiles.node()))
                .post("/api/v1/hosts/" + host + "/ingest/config").then().statusCode(403);
        assertThat(events()).hasSize(8);
    }
}
