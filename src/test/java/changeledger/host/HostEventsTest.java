package changeledger.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.support.Api;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HostEventsTest {

    @Inject
    EventStore store;

    @Inject
    HostService hosts;

    @Test
    void givenHostRegisteredAtRevisionOne_whenRead_thenUpcastWithTheRoleDefaultZone() {
        String id = Api.uniqueHostId("old");
        var payload = JsonNodeFactory.instance.objectNode()
                .put("hostId", id).put("name", "Old").put("role", "lab").put("node", "pve-old")
                .put("registeredAt", "2025-01-01T00:00:00Z");
        payload.putObject("policy").put("requireChangeRequests", false).putNull("monthlyChangeBudget")
                .putNull("monthlyDisruptionMinutes");
        AggregateRef aggregate = new AggregateRef(HostEvent.AGGREGATE_TYPE, id);
        QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(aggregate, AppendRequest.NEW_STREAM,
                List.of(new NewEvent(UUID.randomUUID(), "HostRegistered", 1, payload,
                        Instant.parse("2025-01-01T00:00:00Z")))), EventMetadata.system("test")));

        StoredEvent read = store.readStream(aggregate).get(0);
        assertThat(read.revision()).isEqualTo(2);
        assertThat(read.payload().get("zone").asText()).isEqualTo("homelab");

        Host afterCommand = hosts.handle(new HostCommand.SetCluster(id, "c1"), EventMetadata.system("test"));
        assertThat(afterCommand.zone()).isEqualTo("homelab");
        assertThat(afterCommand.cluster()).isEqualTo("c1");

        // the audit API passes stored payloads on as text, except where an upcaster changes them
        var page = await().atMost(Duration.ofSeconds(30)).until(() -> Api.asAdmin().queryParam("host", id)
                .queryParam("type", "HostRegistered").get("/api/v1/events").then().statusCode(200).extract().jsonPath(),
                json -> json.getList("items").size() == 1);
        assertThat(page.getInt("items[0].revision")).isEqualTo(2);
        assertThat(page.getString("items[0].payload.zone")).isEqualTo("homelab");
        assertThat(page.getString("items[0].payload.node")).isEqualTo("pve-old");
        assertThat(page.getString("items[0].metadata.source")).isEqualTo("test");
    }

    @Test
    void givenCommands_thenDecideEmitsOnlyChanges() {
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        Host host = Host.evolve(Host.NONE, Host.decide(new HostCommand.RegisterHost("h", "H", HostRole.LAB, "homelab",
                "pve", null), Host.NONE, now).get(0));

        assertThat(host.policy()).isEqualTo(HostRole.LAB.defaultPolicy());
        assertThat(Host.decide(new HostCommand.ChangeHostPolicy("h", host.policy()), host, now)).isEmpty();
        // leaving while in no cluster is a mistake the caller should hear of (ADR 0062)
        assertThatThrownBy(() -> Host.decide(new HostCommand.SetCluster("h", null), host, now))
                .isInstanceOf(HostConflictException.class).hasMessageContaining("is in no cluster");
        assertThatThrownBy(() -> Host.decide(new HostCommand.SetCluster("x", "c"), Host.NONE, now))
                .isInstanceOf(HostNotFoundException.class);
    }
}
