package changeledger.cluster;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.host.HostEvent;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Membership over time through {@code PUT /api/v1/hosts/{id}/cluster} with {@code since}, the clusters' API with the
 * join task as evidence, host scoping, and bad input (ADR 0062).
 */
@QuarkusTest
class ClusterMembershipTest {

    @Inject
    EventStore store;

    private static String clusterName() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void put(String host, String body, int status) {
        asAdmin().contentType(ContentType.JSON).body(body).put("/api/v1/hosts/" + host + "/cluster").then()
                .statusCode(status);
    }

    @Test
    void givenJoinsAndALeaveWithSince_thenTheClusterListsTheSpansWithTheJoinTaskAsEvidence() {
        String cluster = clusterName();
        String a = registerHost("cla", "lab", "pve-a");
        String b = registerHost("clb", "lab", "pve-b");
        put(a, "{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-01T08:00:00Z\"}", 200);
        put(b, "{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-10T00:00:00Z\"}", 200);
        put(b, "{\"cluster\":null,\"since\":\"2026-11-20T12:00:00Z\"}", 200);
        // b's clusterjoin task, a little before the recorded join
        String upid = UpidBuilder.upid().node("pve-b").startTime(Instant.parse("2026-11-09T23:58:00Z"))
                .type("clusterjoin").id("").user("root@pam").text();
        as(createKey("ingester", b)).contentType("text/plain")
                .body(TaskLines.body(TaskLines.index(upid, Instant.parse("2026-11-09T23:59:30Z"), "OK")))
                .post("/api/v1/hosts/" + b + "/ingest/task-index").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/clusters/" + cluster)
                .then().statusCode(200).body("name", equalTo(cluster))
                .body("members.hostId", contains(a, b))
                .body("members[0].since", equalTo("2026-11-01T08:00:00Z"))
                .body("members[0].until", nullValue())
                .body("members[1].since", equalTo("2026-11-10T00:00:00Z"))
                .body("members[1].until", equalTo("2026-11-20T12:00:00Z"))
                .body("members[1].evidence.type", contains("clusterjoin"))
                .body("members[1].evidence[0].upid", equalTo(upid))
                .body("members[0].evidence.size()", equalTo(0))
                .body("zonesMixed", equalTo(false)));
        asAdmin().get("/api/v1/clusters").then().statusCode(200).body("items.name", hasItem(cluster));
        asAdmin().get("/api/v1/hosts/" + b).then().statusCode(200).body("cluster", nullValue());
    }

    @Test
    void givenAKeyLimitedToOneMember_thenItSeesThatMemberOnlyAndNoClusterWithoutItsHosts() {
        String cluster = clusterName();
        String lab = registerHost("cll", "lab", "pve-l");
        String infra = registerHost("cli", "infrastructure", "pve-i");
        String other = registerHost("clo", "lab", "pve-o");
        put(lab, "{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-01T00:00:00Z\"}", 200);
        put(infra, "{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-05T00:00:00Z\"}", 200);
        String labReader = createKey("reader", lab);
        String otherReader = createKey("reader", other);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/clusters/" + cluster)
                .then().statusCode(200).body("members.size()", equalTo(2))
                .body("zonesMixed", equalTo(true)).body("zones", contains("homelab", "secured")));
        // the lab key sees its host alone: not the infrastructure host, nor that zones mix because of it
        as(labReader).get("/api/v1/clusters/" + cluster).then().statusCode(200)
                .body("members.hostId", contains(lab)).body("zonesMixed", equalTo(false))
                .body(not(containsString(infra)));
        as(otherReader).get("/api/v1/clusters/" + cluster).then().statusCode(404)
                .contentType("application/problem+json");
        as(otherReader).get("/api/v1/clusters").then().statusCode(200).body("items.name", not(hasItem(cluster)));
    }

    @Test
    void givenAJoinStoredBeforeSinceExisted_thenItCountsFromItsOccurredAtAlsoAfterAReplay() {
        String cluster = clusterName();
        String host = registerHost("clold", "lab", "pve-old");
        // a HostJoinedCluster as stored before the field existed: no since
        var payload = JsonNodeFactory.instance.objectNode().put("hostId", host).put("cluster", cluster);
        AggregateRef aggregate = new AggregateRef(HostEvent.AGGREGATE_TYPE, host);
        QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(aggregate, 0,
                List.of(new NewEvent(UUID.randomUUID(), "HostJoinedCluster", 1, payload,
                        Instant.parse("2026-10-03T07:00:00Z")))), EventMetadata.system("test")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/clusters/" + cluster)
                .then().statusCode(200).body("members[0].since", equalTo("2026-10-03T07:00:00Z")));
        // the host aggregate reads it the same way: a leave before it is refused, one after it taken
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":null,\"since\":\"2026-10-01T00:00:00Z\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(409);
        put(host, "{\"cluster\":null,\"since\":\"2026-10-20T00:00:00Z\"}", 200);

        asAdmin().post("/api/v1/admin/processors/" + ClusterProjection.NAME + "/replay").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asAdmin().get("/api/v1/clusters/" + cluster)
                .then().statusCode(200).body("members.size()", equalTo(1))
                .body("members[0].since", equalTo("2026-10-03T07:00:00Z"))
                .body("members[0].until", equalTo("2026-10-20T00:00:00Z")));
    }

    @Test
    void givenBadMembershipChanges_thenEachIsAProblemAndNothingIsStored() {
        String cluster = clusterName();
        String host = registerHost("clx", "lab", "pve-x");
        // leaving while in no cluster
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":null}").put("/api/v1/hosts/" + host + "/cluster")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("is in no cluster"));
        // a join far in the future
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\",\"since\":\""
                        + Instant.now().plus(Duration.ofDays(1)) + "\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("lies in the future"));
        // since that is not an instant
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\",\"since\":\"yesterday\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(400)
                .contentType("application/problem+json");
        put(host, "{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-10T00:00:00Z\"}", 200);
        // the same join again changes nothing; another time for it is a conflict
        put(host, "{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-10T00:00:00Z\"}", 200);
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":\"" + cluster + "\",\"since\":\"2026-11-11T00:00:00Z\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(409)
                .body("detail", containsString("already in cluster"));
        // a leave before the join
        asAdmin().contentType(ContentType.JSON).body("{\"cluster\":null,\"since\":\"2026-11-09T00:00:00Z\"}")
                .put("/api/v1/hosts/" + host + "/cluster").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("before the host's last"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin().get("/api/v1/clusters/" + cluster)
                .then().statusCode(200).body("members.size()", equalTo(1))
                .body("members[0].since", equalTo("2026-11-10T00:00:00Z")).body("members[0].until", nullValue()));
        asAdmin().queryParam("host", host).queryParam("type", "HostJoinedCluster").get("/api/v1/events").then()
                .statusCode(200).body("items.size()", equalTo(1));
        asAdmin().get("/api/v1/clusters/nosuchcluster").then().statusCode(404);
    }
}
