package changeledger.changerequest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.ChangeRequests.body;
import static changeledger.support.ChangeRequests.step;
import static changeledger.support.ChangeRequests.submit;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.TaskLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Lists of change requests (the asynchronous index), their linked changes, and coverage for other features. */
@QuarkusTest
class ChangeRequestListTest {

    private static final Instant T0 = Instant.parse("2026-10-05T20:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ChangeRequestService service;

    @Nested
    class Filters {

        @Test
        void givenRequestsOnTwoHosts_whenFilteredByHostStatusAndWindow_thenOnlyTheMatches() {
            String infra = registerHost("crl-infra", "infrastructure", "pve-infra");
            String lab = registerHost("crl-lab", "lab", "pve-lab");
            String submitter = createKey("submitter");
            String approver = createKey("approver");
            String early = submit(submitter, body(infra, "101", T0, T0.plus(Duration.ofHours(2))));
            String late = submit(submitter, body(infra, "node", T0.plus(Duration.ofDays(2)),
                    T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(1))));
            String onLab = submit(submitter, body(lab, "900", T0, T0.plus(Duration.ofHours(1))));
            step(approver, late, "approve", null).statusCode(200);
            String reader = createKey("reader");

            await().atMost(WAIT).until(() -> ids(reader, "host", infra).size() == 2);
            assertThat(ids(reader, "host", infra)).containsExactly(early, late);
            await().atMost(WAIT).until(() -> ids(reader, "host", infra, "status", "approved").equals(List.of(late)));
            assertThat(ids(reader, "host", infra, "status", "submitted")).containsExactly(early);
            // windows overlapping [from, to): the early request ends at T0+2h, exclusive
            assertThat(ids(reader, "host", infra, "from", T0.plus(Duration.ofHours(2)).toString())).containsExactly(late);
            assertThat(ids(reader, "host", infra, "from", T0.plus(Duration.ofHours(1)).toString(),
                    "to", T0.plus(Duration.ofDays(2)).toString())).containsExactly(early);
            assertThat(ids(reader, "from", "2026-10-05", "to", "2026-10-06")).contains(early, onLab).doesNotContain(late);
            assertThat(ids(createKey("reader", lab), "from", "2026-10-05", "to", "2026-10-06")).containsExactly(onLab);
        }

        @Test
        void givenBadParameters_then400OrForAnUnseenHost404() {
            String reader = createKey("reader");
            as(reader).queryParam("status", "done").get("/api/v1/change-requests").then().statusCode(400)
                    .body("detail", containsString("in-progress"));
            as(reader).queryParam("hostId", "x").get("/api/v1/change-requests").then().statusCode(400)
                    .body("detail", containsString("Unknown query parameter 'hostId'"));
            as(reader).queryParam("from", "soon").get("/api/v1/change-requests").then().statusCode(400);
            String lab = registerHost("crl-seen", "lab", "pve-lab");
            String elsewhere = registerHost("crl-unseen", "lab", "pve-lab");
            as(createKey("reader", lab)).queryParam("host", elsewhere).get("/api/v1/change-requests").then()
                    .statusCode(404);
        }
    }

    @Nested
    class Linked {

        @Test
        void givenApprovedRequestForGuest101_whenTasksRunInsideAndOutsideTheWindow_thenOnlyCoveredChangesAreLinked() {
            String host = registerHost("crl-link", "infrastructure", "pve-infra");
            Instant start = T0;
            Instant end = T0.plus(Duration.ofHours(1));
            String id = submit(createKey("submitter", host), body(host, "101", start, end));
            step(createKey("approver", host), id, "approve", null).statusCode(200).body("retroactive", equalTo(true));
            upload(host,
                    task("qmconfig", "101", start.plus(Duration.ofMinutes(10))),        // inside: linked
                    task("qmreboot", "101", end.plus(Duration.ofMinutes(10))),          // within the grace: linked
                    task("qmconfig", "101", end.plus(Duration.ofHours(3))),             // outside: not linked
                    task("qmconfig", "102", start.plus(Duration.ofMinutes(20))),        // another guest
                    task("vzdump", "101", start.plus(Duration.ofMinutes(30))),          // routine: not a change
                    task("qmstart", "101", start.plus(Duration.ofMinutes(40))));        // start: not a change
            String reader = createKey("reader", host);

            await().atMost(WAIT).until(() -> linked(reader, id).size() == 2);
            JsonPath request = as(reader).get("/api/v1/change-requests/" + id).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(request.getList("linkedChanges.summary", String.class))
                    .containsExactly("qmconfig 101", "qmreboot 101");
            assertThat(request.getList("linkedChanges.actor", String.class)).containsOnly("root@pam");
            assertThat(request.getList("linkedChanges.class", String.class)).containsExactly("change", "disruptive");
            assertThat(request.getList("linkedChanges.type", String.class)).containsOnly("ProxmoxTaskStarted");
            assertThat(request.getList("linkedChanges.guest", String.class)).containsOnly("101");
            assertThat(request.getString("linkedChanges[0].occurredAt"))
                    .isEqualTo(start.plus(Duration.ofMinutes(10)).toString());
            assertThat(request.getString("linkedChanges[0].eventId")).isNotBlank();
            assertThat(request.getLong("linkedChanges[0].position")).isPositive();

            // the list shows the same linked changes once the index has the request
            await().atMost(WAIT).until(() -> listed(reader, host).size() == 1);
            assertThat(listed(reader, host).get(0).get("linkedChanges")).asList().hasSize(2);

            // coverage for other features: the same rule through the service
            await().atMost(WAIT).until(() -> service.coveringRequest(host, "101", start.plus(Duration.ofMinutes(10)))
                    .isPresent());
            assertThat(service.coveringRequest(host, "101", start.plus(Duration.ofMinutes(10))))
                    .hasValueSatisfying(c -> {
                        assertThat(c.changeRequestId()).isEqualTo(id);
                        assertThat(c.retroactive()).isTrue();
                    });
            assertThat(service.coveringRequest(host, "102", start.plus(Duration.ofMinutes(10)))).isEmpty();
            assertThat(service.coveringRequest(host, "101", end.plus(Duration.ofHours(3)))).isEmpty();
        }

        @Test
        void givenSubmittedRequest_whenChangesInTheWindow_thenNoneLinkedUntilApproved() {
            String host = registerHost("crl-unapproved", "infrastructure", "pve-infra");
            String id = submit(createKey("submitter", host), body(host, "node", T0, T0.plus(Duration.ofHours(1))));
            upload(host, task("aptupdate", "", T0.plus(Duration.ofMinutes(5))),
                    task("srvrestart", "pveproxy", T0.plus(Duration.ofMinutes(6))));
            String reader = createKey("reader", host);
            await().atMost(WAIT).until(() -> as(reader).queryParam("host", host).queryParam("class", "disruptive")
                    .get("/api/v1/events").then().extract().jsonPath().getList("items").size() == 2);
            assertThat(linked(reader, id)).isEmpty();
            step(createKey("approver", host), id, "approve", null).statusCode(200);
            // a node request covers the node's service restart; aptupdate is routine, not a change
            assertThat(linked(reader, id)).extracting(c -> c.get("target")).containsExactly("service:pveproxy");
        }
    }

    @Nested
    class ManualEntries {

        @Test
        void givenManualChangeEntriesInTheWindow_whenOneIsRetracted_thenOnlyTheStandingOneIsLinked() {
            String host = registerHost("crl-manual", "infrastructure", "pve-infra");
            String submitter = createKey("submitter", host);
            String id = submit(submitter, body(host, "node", T0, T0.plus(Duration.ofHours(1))));
            step(createKey("approver", host), id, "approve", null).statusCode(200);
            entry(submitter, host, "upgraded packages and rebooted", T0.plus(Duration.ofMinutes(5)));
            String wrong = entry(submitter, host, "recorded on the wrong host", T0.plus(Duration.ofMinutes(6)));
            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "wrong host"))
                    .post("/api/v1/hosts/" + host + "/entries/" + wrong + "/retract").then().statusCode(200);
            String reader = createKey("reader", host);
            await().atMost(WAIT).until(() -> as(reader).queryParam("host", host).queryParam("class", "manual")
                    .get("/api/v1/events").then().extract().jsonPath().getList("items").size() == 2);

            assertThat(linked(reader, id)).singleElement().satisfies(change -> {
                assertThat(change.get("class")).isEqualTo("manual");
                assertThat(change.get("type")).isEqualTo("ManualEntryRecorded");
                assertThat(change.get("target")).isEqualTo("node");
                assertThat(change.get("summary")).isEqualTo("upgraded packages and rebooted");
            });
        }

        private String entry(String token, String host, String summary, Instant at) {
            return as(token).contentType(ContentType.JSON)
                    .body(Map.of("kind", "change", "summary", summary, "occurredAt", at.toString()))
                    .post("/api/v1/hosts/" + host + "/entries").then().statusCode(201).extract().path("id");
        }
    }

    private static List<String> ids(String token, String... filters) {
        return listedWith(token, filters).stream().map(r -> (String) r.get("id")).toList();
    }

    private static List<Map<String, Object>> listed(String token, String host) {
        return listedWith(token, "host", host);
    }

    private static List<Map<String, Object>> listedWith(String token, String... filters) {
        var request = as(token);
        for (int i = 0; i < filters.length; i += 2) {
            request.queryParam(filters[i], filters[i + 1]);
        }
        return request.get("/api/v1/change-requests").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private static List<Map<String, Object>> linked(String token, String id) {
        return as(token).get("/api/v1/change-requests/" + id).then().statusCode(200).extract().jsonPath()
                .getList("linkedChanges");
    }

    private static String task(String type, String guest, Instant start) {
        String upid = upid().node("pve-infra").type(type).id(guest).user("root@pam").startTime(start).text();
        return TaskLines.index(upid, start.plusSeconds(20), "OK");
    }

    private static void upload(String hostId, String... lines) {
        as(createKey("ingester", hostId)).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200)
                .body("accepted", equalTo(lines.length));
    }
}
