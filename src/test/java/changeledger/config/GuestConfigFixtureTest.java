package changeledger.config;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import changeledger.support.ProxmoxFixtures;
import changeledger.support.Tars;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guest configs of {@code proxmox/guest-configs/} (see its README for the Proxmox sources): a QEMU guest and a
 * container with snapshot and pending sections, pushed before and after the restart that applied their pending values.
 */
@QuarkusTest
class GuestConfigFixtureTest {

    @Inject
    EventStore store;

    private String host;
    private String ingester;

    @BeforeEach
    void host() {
        host = registerHost("guest-configs", "infrastructure", "pve-infra");
        ingester = createKey("ingester", host);
    }

    @Test
    void givenTheTakenConfigs_thenABaselinePerGuestOfItsMainSectionOnly_andTheirNames() {
        push(ProxmoxFixtures.nodeWithGuests("taken")).statusCode(200).body("baselines", equalTo(8))
                .body("drifts", equalTo(0)).body("rejectedCount", equalTo(0));

        Map<String, JsonNode> baselines = events().stream()
                .collect(Collectors.toMap(e -> e.payload().get("target").asText(), StoredEvent::payload));
        assertThat(baselines).containsKeys("110", "111");
        assertThat(baselines.get("110").get("entries").asInt()).as("the main section's 18 keys but parent, and the "
                + "description").isEqualTo(19);
        assertThat(baselines.get("110").get("guestName").asText()).isEqualTo("gitea");
        assertThat(baselines.get("110").get("guestCreated").asText()).isEqualTo("2025-10-22T12:00:00Z");
        assertThat(baselines.get("111").get("entries").asInt()).isEqualTo(14);
        assertThat(baselines.get("111").get("guestName").asText()).isEqualTo("unbound");

        String reader = createKey("reader", host);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader)
                .get("/api/v1/hosts/" + host + "/guests").then().statusCode(200)
                .body("items.find { it.guest == '110' }.name", equalTo("gitea"))
                .body("items.find { it.guest == '111' }.name", equalTo("unbound")));
    }

    @Test
    void givenTheRestart_thenOneDriftPerGuestOfExactlyThePendingValueThatWasApplied() {
        push(ProxmoxFixtures.nodeWithGuests("taken")).statusCode(200);

        push(ProxmoxFixtures.nodeWithGuests("restarted")).statusCode(200).body("drifts", equalTo(2))
                .body("unchanged", equalTo(6)).body("rejectedCount", equalTo(0));

        Map<String, JsonNode> drifts = events().stream().filter(e -> e.type().equals("ConfigDriftObserved"))
                .collect(Collectors.toMap(e -> e.payload().get("target").asText(), StoredEvent::payload));
        assertThat(drifts.keySet()).containsExactlyInAnyOrder("110", "111");
        assertThat(changes(drifts.get("110"))).containsExactly(
                "etc/pve/qemu-server/110.conf||memory|4096|8192");
        assertThat(drifts.get("110").get("guestName").asText()).isEqualTo("gitea");
        assertThat(changes(drifts.get("111"))).containsExactly(
                "etc/pve/lxc/111.conf||features|nesting=1|keyctl=1,nesting=1");

        push(ProxmoxFixtures.nodeWithGuests("restarted")).statusCode(200).body("drifts", equalTo(0))
                .body("unchanged", equalTo(8));
    }

    private static List<String> changes(JsonNode drift) {
        return java.util.stream.StreamSupport.stream(drift.get("changes").spliterator(), false)
                .map(c -> String.join("|", c.get("file").asText(), c.get("section").asText(), c.get("key").asText(),
                        c.get("before").asText(), c.get("after").asText()))
                .toList();
    }

    private ValidatableResponse push(Map<String, String> files) {
        return as(ingester).contentType("application/x-tar").body(Tars.of(files))
                .post("/api/v1/hosts/" + host + "/ingest/config").then();
    }

    private List<StoredEvent> events() {
        return store.readStream(new AggregateRef("Config", host));
    }
}
