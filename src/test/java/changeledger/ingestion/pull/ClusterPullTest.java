package changeledger.ingestion.pull;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import changeledger.support.Api;
import changeledger.support.ProxmoxFixtures;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One pull for a cluster (ADR 0064) against a fake cluster API over real HTTPS: three members, one down. */
@QuarkusTest
@WithTestResource(value = FakeClusterResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ClusterPullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    FakeProxmoxApi api;

    @Inject
    ProxmoxPullConfig config;

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    private String cluster;
    private String a;
    private String b;
    private String c;

    @BeforeEach
    void cluster() {
        api.reset();
        cluster = config.clusters().keySet().stream().filter(name -> name.startsWith("cpull-")).findFirst()
                .orElseThrow();
        // the hosts of an earlier test leave, so each test has its own three members
        for (Map<String, Object> host : asAdmin().get("/api/v1/hosts").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items")) {
            if (cluster.equals(host.get("cluster"))) {
                join((String) host.get("id"), null);
            }
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = member("clp-" + run + "-a", "pve-a");
        b = member("clp-" + run + "-b", "pve-b");
        c = member("clp-" + run + "-c", "pve-c");
        api.down("pve-c");
    }

    private String member(String id, String node) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", id, "name", id, "role", "lab", "node", node))
                .post("/api/v1/hosts").then().statusCode(201);
        join(id, cluster);
        return id;
    }

    /** Joins the cluster, or with a null name leaves any (a host in no cluster answers 409 to a leave: fine here). */
    private static void join(String hostId, String name) {
        int status = asAdmin().contentType(ContentType.JSON)
                .body(name == null ? "{\"cluster\":null}" : "{\"cluster\":\"" + name + "\"}")
                .put("/api/v1/hosts/" + hostId + "/cluster").statusCode();
        assertThat(status).as("cluster change of " + hostId).isIn(name == null ? List.of(200, 409) : List.of(200));
    }

    private static UpidBuilder upid(String node, long start, String type, String id) {
        return UpidBuilder.upid().node(node).pid(3000 + start % 997).startTime(Instant.ofEpochSecond(start)).type(type)
                .id(id);
    }

    /** An item of {@code /cluster/tasks}: the node's active list, finished ({@code saved} 1) or running. */
    private static ObjectNode clusterItem(UpidBuilder upid, Long end, String status) {
        ObjectNode item = TaskLines.apiRunning(upid);
        item.remove("status");
        if (end != null) {
            item.put("saved", "1").put("endtime", end).put("status", status);
        }
        return item;
    }

    private JsonPath sync() {
        return asAdmin().post("/api/v1/clusters/" + cluster + "/sync").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    private static JsonPath member(JsonPath outcome, String hostId) {
        return new JsonPath(JSON.valueToTree(outcome.getList("members", Map.class).stream()
                .filter(m -> hostId.equals(m.get("hostId"))).findFirst().orElseThrow()).toString());
    }

    @Test
    void givenThreeNodesOneDown_andCollectorsUploadingTheSameTasks_thenEachHostsTasksOnce_andANonMemberStoresNothing()
            throws Exception {
        long now = Instant.now().getEpochSecond();
        UpidBuilder a1 = upid("pve-a", now - 3000, "qmstart", "101");
        UpidBuilder a2 = upid("pve-a", now - 2000, "vzdump", "");
        UpidBuilder a3 = upid("pve-a", now - 1000, "qmshutdown", "101");
        UpidBuilder b1 = upid("pve-b", now - 2500, "aptupdate", "");
        UpidBuilder b2 = upid("pve-b", now - 500, "vzstart", "102");
        UpidBuilder c1 = upid("pve-c", now - 1500, "qmstart", "103");
        UpidBuilder c2 = upid("pve-c", now - 800, "srvreload", "networking");
        UpidBuilder x1 = upid("pve-x", now - 700, "qmstart", "104");
        api.add(TaskLines.apiFinished(a1, Instant.ofEpochSecond(now - 2995), "OK"));
        api.add(TaskLines.apiFinished(a2, Instant.ofEpochSecond(now - 1940), "OK"));
        api.add(TaskLines.apiFinished(a3, Instant.ofEpochSecond(now - 940), "VM quit/powerdown failed - got timeout"));
        api.add(TaskLines.apiFinished(b1, Instant.ofEpochSecond(now - 2480), "OK"));
        api.add(TaskLines.apiFinished(b2, Instant.ofEpochSecond(now - 490), "OK"));
        ArrayNode clusterTasks = JSON.createArrayNode()
                .add(clusterItem(b2, null, null))
                .add(clusterItem(a1, now - 2995, "OK"))
                .add(clusterItem(c2, now - 797, "OK"))
                .add(clusterItem(c1, now - 1490, "OK"))
                .add(clusterItem(x1, now - 690, "OK"));
        api.put("/cluster/tasks", clusterTasks);

        // the collector of pve-a uploads its task index before the pull, those of pve-b and pve-c after it
        collect(a, TaskLines.index(a1.text(), Instant.ofEpochSecond(now - 2995), "OK"),
                TaskLines.index(a2.text(), Instant.ofEpochSecond(now - 1940), "OK"),
                TaskLines.index(a3.text(), Instant.ofEpochSecond(now - 940), "VM quit/powerdown failed - got timeout"))
                .body("accepted", equalTo(3));

        JsonPath outcome = sync();
        assertThat(outcome.getString("answeredBy")).as("the configured address is down: the fallback answered")
                .isEqualTo(api.baseUrl());
        assertThat(outcome.getInt("clusterTasks")).isEqualTo(5);
        assertThat(member(outcome, a).getInt("items")).as("a1 from both lists once, a2, a3").isEqualTo(3);
        assertThat(member(outcome, a).getInt("result.accepted")).as("the collector sent them already").isZero();
        assertThat(member(outcome, a).getInt("result.duplicates")).isEqualTo(3);
        assertThat(member(outcome, b).getInt("items")).as("b1, b2 finished, b2 running").isEqualTo(3);
        assertThat(member(outcome, b).getInt("result.accepted") + member(outcome, b).getInt("result.duplicates"))
                .isEqualTo(3);
        assertThat(member(outcome, c).getString("error")).contains("pve-c").contains("595");
        assertThat(member(outcome, c).getInt("items")).as("its recent tasks still came through /cluster/tasks")
                .isEqualTo(2);
        assertThat(member(outcome, c).getInt("result.accepted")).isEqualTo(2);
        assertThat(outcome.getList("notMembers.node")).containsExactly("pve-x");
        assertThat(outcome.getInt("notMembers[0].tasks")).isEqualTo(1);
        assertThat(outcome.getList("problems", String.class))
                .anySatisfy(p -> assertThat(p).contains("could not be reached").contains("127.0.0.1"))
                .anySatisfy(p -> assertThat(p).contains("Node 'pve-c'").contains("595"))
                .anySatisfy(p -> assertThat(p).contains("Node 'pve-x' is not a member host").contains("not stored"));

        collect(b, TaskLines.index(b1.text(), Instant.ofEpochSecond(now - 2480), "OK"),
                TaskLines.index(b2.text(), Instant.ofEpochSecond(now - 490), "OK"))
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        collect(c, TaskLines.index(c1.text(), Instant.ofEpochSecond(now - 1490), "OK"),
                TaskLines.index(c2.text(), Instant.ofEpochSecond(now - 797), "OK"))
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));

        JsonPath again = sync();
        for (String host : List.of(a, b)) {
            assertThat(member(again, host).getInt("result.accepted")).as("second pull of " + host).isZero();
        }
        assertThat(member(again, c).getInt("result.accepted")).isZero();

        tasksOf(a, a1, a2, a3);
        tasksOf(b, b1, b2);
        tasksOf(c, c1, c2);
        asAdmin().get("/api/v1/hosts/" + b + "/tasks").then()
                .body("items.find { it.upid == '" + b2.text() + "' }.status", equalTo("OK"));
        for (UpidBuilder task : List.of(a1, b2, c1, x1)) {
            assertThat(startedEvents(task.text())).as("started once: " + task.text())
                    .isEqualTo(task == x1 ? 0 : 1);
        }

        asAdmin().get("/api/v1/hosts/" + c).then().body("sync.configured", equalTo(true))
                .body("sync.lastError", containsString("595")).body("sync.lastSuccess", nullValue());
        asAdmin().get("/api/v1/hosts/" + a).then().body("sync.configured", equalTo(true))
                .body("sync.lastSuccess", notNullValue()).body("sync.lastError", nullValue());
        asAdmin().get("/api/v1/clusters/" + cluster + "/sync").then().statusCode(200)
                .body("configured", equalTo(true)).body("answeredBy", equalTo(api.baseUrl()))
                .body("lastSuccess", notNullValue())
                .body("members.hostId", containsInAnyOrder(a, b, c))
                .body("members.find { it.hostId == '" + c + "' }.sync.lastError", containsString("pve-c"))
                .body("problems", hasItem(containsString("Node 'pve-x' is not a member host")));
    }

    @Test
    void givenReplicationOnTwoMembers_thenEachMembersRunsOnItsHost_onceAcrossPulls_andTheDownNodeIsNotRead()
            throws Exception {
        api.put("/cluster/tasks", JSON.createArrayNode());
        long now = Instant.now().getEpochSecond();
        // pve-a replicates guest 201 to pve-b (OK); pve-b replicates guest 202 to pve-a (failed once)
        api.put("/nodes/pve-a/replication", JSON.readTree("[{\"id\":\"201-0\",\"type\":\"local\",\"guest\":201,"
                + "\"jobnum\":0,\"target\":\"pve-b\",\"source\":\"pve-a\",\"schedule\":\"*/15\",\"vmtype\":\"qemu\","
                + "\"last_try\":" + (now - 120) + ",\"last_sync\":" + (now - 120) + ",\"fail_count\":0,"
                + "\"duration\":6.5,\"next_sync\":" + (now + 780) + "}]"));
        api.put("/nodes/pve-b/replication", JSON.readTree("[{\"id\":\"202-0\",\"type\":\"local\",\"guest\":202,"
                + "\"jobnum\":0,\"target\":\"pve-a\",\"source\":\"pve-b\",\"schedule\":\"*/15\",\"vmtype\":\"lxc\","
                + "\"last_try\":" + (now - 60) + ",\"last_sync\":" + (now - 960) + ",\"fail_count\":1,"
                + "\"error\":\"prepare remote node failed - no result\",\"duration\":0.8,\"next_sync\":"
                + (now + 240) + "}]"));

        JsonPath outcome = sync();
        assertThat(member(outcome, a).getInt("replication.runs")).isEqualTo(1);
        assertThat(member(outcome, b).getInt("replication.runs")).isEqualTo(1);
        assertThat(member(outcome, b).getInt("replication.lags")).as("failed once").isEqualTo(1);
        assertThat(member(outcome, c).getString("replication")).as("pve-c is down: not read").isNull();
        assertThat(api.configRequests()).noneMatch(uri -> uri.getPath().endsWith("/nodes/pve-c/replication"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAdmin().queryParam("type", "replication").get("/api/v1/hosts/" + a + "/tasks").then().statusCode(200)
                    .body("items.upid", org.hamcrest.Matchers.contains("201-0@" + (now - 120)))
                    .body("items[0].status", equalTo("OK"));
            asAdmin().queryParam("type", "replication").get("/api/v1/hosts/" + b + "/tasks").then().statusCode(200)
                    .body("items.upid", org.hamcrest.Matchers.contains("202-0@" + (now - 60)))
                    .body("items[0].failed", equalTo(true))
                    .body("items[0].status", equalTo("prepare remote node failed - no result"));
        });
        JsonPath again = sync();
        assertThat(member(again, a).getInt("replication.runs")).isZero();
        assertThat(member(again, b).getInt("replication.duplicates")).isEqualTo(2);
    }

    @Test
    void givenGuestsAndClusterConfiguration_thenSharedConfigurationOnceOnTheRecordingMember_andAMoveIsOneChange()
            throws Exception {
        api.put("/cluster/tasks", JSON.createArrayNode());
        api.put("/cluster/resources", data("cluster-resources-vm.json"));
        api.guest("pve-a", "qemu", 101, (ObjectNode) JSON.readTree(
                "{\"name\":\"pihole\",\"memory\":2048,\"meta\":\"creation-qemu=9.0.2,ctime=1760000000\"}"));
        api.guest("pve-b", "lxc", 102, (ObjectNode) JSON.readTree("{\"hostname\":\"unbound\",\"memory\":512}"));
        api.guest("pve-x", "qemu", 104, (ObjectNode) JSON.readTree("{\"name\":\"stray\",\"memory\":1024}"));
        api.put("/storage", data("storage.json"));
        api.put("/cluster/options", data("cluster-options.json"));
        api.put("/cluster/ha/groups", data("cluster-ha-groups.json"));
        api.put("/cluster/ha/resources", data("cluster-ha-resources.json"));
        api.put("/cluster/replication", data("cluster-replication.json"));
        api.put("/cluster/config/nodes", data("cluster-config-nodes.json"));
        api.put("/cluster/config/totem", data("cluster-config-totem.json"));
        api.notServed("/cluster/ha/rules");

        JsonPath first = sync();
        assertThat(member(first, a).getInt("config.baselines")).as("101, node, cluster, two storages").isEqualTo(5);
        assertThat(member(first, b).getInt("config.baselines")).as("102, node").isEqualTo(2);
        assertThat(member(first, c).<Object>get("config")).as("down: nothing read").isNull();
        assertThat(member(first, a).getInt("guests")).isEqualTo(1);
        assertThat(outcomeGuestsOfStranger(first)).isEqualTo(1);
        assertThat(targets(a)).containsExactlyInAnyOrder("101", "node", "cluster", "storage:local",
                "storage:shared-nfs");
        assertThat(targets(b)).containsExactlyInAnyOrder("102", "node");
        assertThat(targets(c)).isEmpty();
        JsonNode clusterBaseline = store.readStream(new AggregateRef("Config", a)).stream()
                .map(StoredEvent::payload).filter(p -> "cluster".equals(p.path("target").asText())).findFirst()
                .orElseThrow();
        assertThat(clusterBaseline.path("entries").asInt()).as("3 options, 5 group, 6 resource, 7 replication, "
                + "3x5 corosync nodes, 7 totem; no digest, no allowed-tags, nothing of the rules not served")
                .isEqualTo(43);

        JsonPath unchanged = sync();
        for (String host : List.of(a, b)) {
            assertThat(member(unchanged, host).getInt("config.drifts")).as("the same placement again: " + host)
                    .isZero();
            assertThat(member(unchanged, host).getInt("config.baselines")).isZero();
        }

        // guest 101 moves to pve-b, and the datacenter keyboard changes
        ObjectNode resources = (ObjectNode) JSON.readTree(ProxmoxFixtures.text("cluster/cluster-resources-vm.json"));
        ((ObjectNode) resources.path("data").get(0)).put("node", "pve-b");
        api.put("/cluster/resources", resources.path("data"));
        api.removeGuest("pve-a", "qemu", 101);
        api.guest("pve-b", "qemu", 101, (ObjectNode) JSON.readTree(
                "{\"name\":\"pihole\",\"memory\":2048,\"meta\":\"creation-qemu=9.0.2,ctime=1760000000\"}"));
        ObjectNode options = (ObjectNode) data("cluster-options.json");
        options.put("keyboard", "de");
        api.put("/cluster/options", options);

        JsonPath moved = sync();
        assertThat(member(moved, a).getInt("config.drifts")).as("101 went away, cluster changed").isEqualTo(2);
        assertThat(member(moved, b).getInt("config.drifts")).as("101 came").isEqualTo(1);
        List<JsonNode> drifts = store.readStream(new AggregateRef("Config", b)).stream().map(StoredEvent::payload)
                .filter(p -> "101".equals(p.path("guest").asText())).toList();
        assertThat(drifts).hasSize(1);
        assertThat(drifts.get(0).path("guestName").asText()).isEqualTo("pihole");
        assertThat(drifts.get(0).path("guestCreated").asText()).isEqualTo("2025-10-09T08:53:20Z");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            asAdmin().get("/api/v1/hosts/" + b + "/guests").then().statusCode(200)
                    .body("items.find { it.guest == '101' }.name", equalTo("pihole"))
                    .body("items.find { it.guest == '101' }.until", nullValue());
            asAdmin().get("/api/v1/hosts/" + a + "/guests").then().statusCode(200)
                    .body("items.find { it.guest == '101' }.until", notNullValue());
        });

        JsonPath still = sync();
        for (String host : List.of(a, b)) {
            assertThat(member(still, host).getInt("config.drifts")).as("placement recorded once: " + host).isZero();
        }
        assertThat(api.configRequests()).as("a guest of a node that is no member is not read")
                .noneMatch(uri -> uri.getPath().contains("/nodes/pve-x/"));
    }

    @Test
    void givenNoAddressAnswers_then502_theReasonOnTheClusterAndItsMembers_andAMemberIsNotPulledAlone() {
        String dead = config.clusters().keySet().stream().filter(name -> name.startsWith("cdead-")).findFirst()
                .orElseThrow();
        asAdmin().post("/api/v1/clusters/" + dead + "/sync").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("no member hosts"));
        int status = asAdmin().contentType(ContentType.JSON).body(Map.of("id", FakeClusterResource.ALONE, "name",
                "alone", "role", "lab", "node", "pve-alone")).post("/api/v1/hosts").statusCode();
        assertThat(status).isIn(201, 409);
        join(FakeClusterResource.ALONE, null);
        asAdmin().post("/api/v1/hosts/" + FakeClusterResource.ALONE + "/sync").then().statusCode(200);
        join(FakeClusterResource.ALONE, dead);

        asAdmin().post("/api/v1/clusters/" + dead + "/sync").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("No address of cluster")).body("detail", containsString("127.0.0.1"));
        asAdmin().get("/api/v1/clusters/" + dead + "/sync").then().statusCode(200)
                .body("lastError", containsString("could not be reached")).body("lastSuccess", nullValue());
        asAdmin().get("/api/v1/hosts/" + FakeClusterResource.ALONE).then()
                .body("sync.lastError", containsString("cluster '" + dead + "'"));
        asAdmin().post("/api/v1/hosts/" + FakeClusterResource.ALONE + "/sync").then().statusCode(409)
                .body("detail", containsString("POST /api/v1/clusters/" + dead + "/sync"));
        asAdmin().post("/api/v1/clusters/no-such-cluster/sync").then().statusCode(409)
                .body("detail", containsString("changeledger.proxmox.clusters.no-such-cluster.base-url"));
        String reader = Api.createKey("reader", a);
        as(reader).get("/api/v1/clusters/" + cluster + "/sync").then().statusCode(404);
        as(Api.createKey("admin", a)).post("/api/v1/clusters/" + cluster + "/sync").then().statusCode(403);
    }

    @Test
    void givenTwoHostsOfOneCluster_thenAnIngesterKeyStaysBoundToItsOwnHost() throws Exception {
        long now = Instant.now().getEpochSecond();
        String keyOfA = Api.createKey("ingester", a);
        UpidBuilder ofB = upid("pve-b", now - 100, "qmstart", "102");
        UpidBuilder ofA = upid("pve-a", now - 100, "qmstart", "101");

        as(keyOfA).contentType(ContentType.TEXT).body(TaskLines.body(
                TaskLines.index(ofB.text(), Instant.ofEpochSecond(now - 95), "OK")))
                .post("/api/v1/hosts/" + b + "/ingest/task-index").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(b));
        as(keyOfA).contentType(ContentType.TEXT).body(TaskLines.body(
                TaskLines.index(ofB.text(), Instant.ofEpochSecond(now - 95), "OK")))
                .post("/api/v1/hosts/" + a + "/ingest/task-index").then().statusCode(422)
                .body("rejected[0].reason", containsString("pve-b"));
        as(keyOfA).contentType(ContentType.TEXT).body(TaskLines.body(
                TaskLines.index(ofA.text(), Instant.ofEpochSecond(now - 95), "OK")))
                .post("/api/v1/hosts/" + a + "/ingest/task-index").then().statusCode(200).body("accepted", equalTo(1));
        assertThat(startedEvents(ofB.text())).as("nothing of pve-b through a's key").isZero();
    }

    private io.restassured.response.ValidatableResponse collect(String hostId, String... lines) {
        return as(Api.createKey("ingester", hostId)).contentType(ContentType.TEXT).body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200);
    }

    private static void tasksOf(String hostId, UpidBuilder... tasks) {
        List<String> upids = java.util.Arrays.stream(tasks).map(UpidBuilder::text).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asAdmin().queryParam("limit", 100)
                .get("/api/v1/hosts/" + hostId + "/tasks").then().statusCode(200).extract().jsonPath()
                .getList("items.upid", String.class)).as("tasks of " + hostId).containsExactlyInAnyOrderElementsOf(upids));
    }

    private long startedEvents(String upid) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from domain_event where event_type = 'ProxmoxTaskStarted' "
                             + "and payload ->> 'upid' = ?")) {
            count.setString(1, upid);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<String> targets(String hostId) {
        return store.readStream(new AggregateRef("Config", hostId)).stream()
                .filter(e -> e.type().equals("ConfigBaselineRecorded"))
                .map(e -> e.payload().path("target").asText()).toList();
    }

    private static int outcomeGuestsOfStranger(JsonPath outcome) {
        return outcome.getInt("notMembers.find { it.node == 'pve-x' }.guests");
    }

    private static JsonNode data(String file) throws Exception {
        return JSON.readTree(ProxmoxFixtures.text("cluster/" + file)).path("data");
    }
}
