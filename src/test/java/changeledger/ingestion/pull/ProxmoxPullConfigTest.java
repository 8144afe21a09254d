package changeledger.ingestion.pull;

import static changeledger.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration snapshots read by the pull connector from the (fake, real HTTPS) Proxmox API. */
@QuarkusTest
@WithTestResource(value = FakeProxmoxResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProxmoxPullConfigTest {

    private static final String NODE = "pve-pull";
    private static final String HOST = FakeProxmoxResource.OK;
    private static final ObjectMapper JSON = new ObjectMapper();

    FakeProxmoxApi api;

    @Inject
    EventStore store;

    @BeforeEach
    void host() throws Exception {
        api.reset();
        int status = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", HOST, "name", HOST, "role", "infrastructure", "node", NODE))
                .post("/api/v1/hosts").statusCode();
        assertThat(status).isIn(201, 409);
        api.guest(NODE, "qemu", 101, qemu("2048", "$5$q1n9$Vn0yHdB9"));
        api.guest(NODE, "lxc", 102, (ObjectNode) JSON.readTree(
                "{\"hostname\":\"unbound\",\"memory\":512,\"digest\":\"1f2e\",\"arch\":\"amd64\"}"));
        api.put("/nodes/" + NODE + "/dns", JSON.readTree("{\"search\":\"example.com\",\"dns1\":\"192.0.2.1\"}"));
        api.put("/storage", JSON.readTree("[{\"storage\":\"local\",\"type\":\"dir\",\"path\":\"/var/lib/vz\","
                + "\"content\":\"iso,backup\",\"digest\":\"77aa\"}]"));
        // a PVEAuditor-like token that may not read users and ACLs
        api.forbid("/access/users");
        api.forbid("/access/acl");
    }

    private static ObjectNode qemu(String memory, String cipassword) throws Exception {
        return (ObjectNode) JSON.readTree("{\"name\":\"pihole\",\"cores\":2,\"memory\":" + memory
                + ",\"cipassword\":\"" + cipassword + "\",\"digest\":\"" + memory.hashCode() + "\"}");
    }

    private ValidatableResponse sync() {
        return asAdmin().post("/api/v1/hosts/" + HOST + "/sync").then();
    }

    private List<StoredEvent> drifts() {
        return store.readStream(new AggregateRef("Config", HOST)).stream()
                .filter(e -> e.type().equals("ConfigDriftObserved")).toList();
    }

    @Test
    void givenGuestsNodeAndStorage_whenSyncedAndChanged_thenBaselineThenExactDriftsAndNothingTwice() throws Exception {
        int before = drifts().size();
        sync().statusCode(200).body("config.unreadable", contains("/access/users", "/access/acl"));
        sync().statusCode(200).body("config.drifts", equalTo(0)).body("config.baselines", equalTo(0))
                .body("config.unchanged", equalTo(4));
        assertThat(api.configRequests()).anyMatch(uri -> uri.getPath().endsWith("/qemu/101/config")
                && "current=1".equals(uri.getQuery()));

        api.guest(NODE, "qemu", 101, qemu("4096", "$5$q1n9$Vn0yHdB9"));
        api.removeGuest(NODE, "lxc", 102);
        api.guest(NODE, "qemu", 103, (ObjectNode) JSON.readTree("{\"name\":\"grafana\",\"memory\":1024}"));
        sync().statusCode(200).body("config.drifts", equalTo(3));
        sync().statusCode(200).body("config.drifts", equalTo(0));

        List<StoredEvent> drifts = drifts().subList(before, drifts().size());
        assertThat(drifts).extracting(e -> e.payload().get("target").asText())
                .containsExactlyInAnyOrder("101", "102", "103");
        JsonNode memory = drifts.stream().filter(e -> e.payload().get("target").asText().equals("101")).findFirst()
                .orElseThrow().payload().get("changes");
        assertThat(memory).hasSize(1);
        assertThat(memory.get(0).get("file").asText()).isEqualTo("/nodes/" + NODE + "/qemu/101/config");
        assertThat(memory.get(0).get("key").asText()).isEqualTo("memory");
        assertThat(memory.get(0).get("before").asText()).isEqualTo("2048");
        assertThat(memory.get(0).get("after").asText()).isEqualTo("4096");
        assertThat(drifts).allMatch(e -> e.payload().get("source").asText().equals("pull"));

        api.guest(NODE, "qemu", 101, qemu("4096", "$5$q1n9$Zz9yHdB9"));
        sync().statusCode(200).body("config.drifts", equalTo(1));
        JsonNode secret = drifts().get(drifts().size() - 1).payload();
        assertThat(secret.toString()).doesNotContain("Zz9yHdB9").doesNotContain("Vn0yHdB9");
        assertThat(secret.get("changes").get(0).get("after").asText()).isEqualTo("(redacted, changed)");
    }

    @Test
    void givenAGuestRenamedThenItsVmidDestroyedAndReused_whenSynced_thenOneHistoryWithBothNamesAndASecondGuest()
            throws Exception {
        api.guest(NODE, "qemu", 201, guest201("pihole", 1730000000));
        sync().statusCode(200);
        int before = drifts().size();

        api.guest(NODE, "qemu", 201, guest201("dns1", 1730000000));
        sync().statusCode(200).body("config.drifts", equalTo(1));
        api.guest(NODE, "qemu", 201, guest201("grafana", 1740000000));
        sync().statusCode(200).body("config.drifts", equalTo(2));
        sync().statusCode(200).body("config.drifts", equalTo(0));

        List<StoredEvent> drifts = drifts().subList(before, drifts().size());
        assertThat(drifts).extracting(e -> e.payload().get("guestName").asText() + " gone="
                + e.payload().get("gone").asBoolean()).containsExactly("dns1 gone=false", "dns1 gone=true",
                "grafana gone=false");
        JsonNode guests = JSON.readTree(asAdmin().get("/api/v1/hosts/" + HOST + "/guests").then().statusCode(200)
                .extract().asString()).get("items");
        List<JsonNode> vmid201 = new java.util.ArrayList<>();
        guests.forEach(g -> {
            if (g.get("guest").asText().equals("201")) {
                vmid201.add(g);
            }
        });
        assertThat(vmid201).hasSize(2);
        assertThat(vmid201.get(0).get("created").asText()).isEqualTo("2024-10-27T03:33:20Z");
        assertThat(vmid201.get(0).get("names").findValuesAsText("name")).containsExactly("pihole", "dns1");
        assertThat(vmid201.get(0).path("until").isTextual()).isTrue();
        assertThat(vmid201.get(1).get("name").asText()).isEqualTo("grafana");
        assertThat(vmid201.get(1).get("since").asText()).isEqualTo(vmid201.get(0).get("until").asText());
        assertThat(vmid201.get(1).path("until").isTextual()).isFalse();

        // the other test of this class knows no guest 201: let the record see it go
        api.removeGuest(NODE, "qemu", 201);
        sync().statusCode(200).body("config.drifts", equalTo(1));
    }

    private static ObjectNode guest201(String name, long ctime) throws Exception {
        return (ObjectNode) JSON.readTree("{\"name\":\"" + name + "\",\"cores\":1,\"memory\":1024,"
                + "\"meta\":\"creation-qemu=8.1.5,ctime=" + ctime + "\",\"digest\":\"" + name.hashCode() + "\"}");
    }
}
