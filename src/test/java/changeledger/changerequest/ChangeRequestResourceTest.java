package changeledger.changerequest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.ChangeRequests.body;
import static changeledger.support.ChangeRequests.step;
import static changeledger.support.ChangeRequests.submit;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The change request workflow over real HTTP: steps, wrong steps, four-eyes, strict bodies and host scoping. */
@QuarkusTest
class ChangeRequestResourceTest {

    private static final Instant FUTURE = Instant.parse("2099-06-01T20:00:00Z");
    private static final Instant PAST = Instant.parse("2020-06-01T20:00:00Z");

    private String host;
    private String submitter;
    private String approver;

    @BeforeEach
    void keys() {
        host = registerHost("cr-infra", "infrastructure", "pve-infra");
        submitter = createKey("submitter", host);
        approver = createKey("approver", host);
    }

    @Nested
    class Workflow {

        @Test
        void givenSubmission_whenApprovedStartedAndCompleted_thenEachStepInTheHistory() {
            String location = as(submitter).contentType(ContentType.JSON)
                    .body(body(host, "101", FUTURE, FUTURE.plus(Duration.ofHours(2)))).post("/api/v1/change-requests")
                    .then().statusCode(201)
                    .header("Location", containsString("/api/v1/change-requests/"))
                    .body("status", equalTo("submitted"))
                    .body("hostId", equalTo(host))
                    .body("target", equalTo("101"))
                    .body("risk", equalTo("medium"))
                    .body("plannedStart", equalTo("2099-06-01T20:00:00Z"))
                    .body("rollbackPlan", equalTo("Restore the snapshot."))
                    .body("submittedBy", notNullValue())
                    .body("selfApproved", equalTo(false))
                    .body("linkedChanges", emptyIterable())
                    .extract().header("Location");
            String id = location.substring(location.lastIndexOf('/') + 1);

            step(approver, id, "approve", Map.of("comment", "looks fine")).statusCode(200)
                    .body("status", equalTo("approved")).body("retroactive", equalTo(false));
            step(submitter, id, "start", null).statusCode(200).body("status", equalTo("in-progress"));
            step(submitter, id, "complete", Map.of("outcome", "succeeded", "note", "disk grown")).statusCode(200)
                    .body("status", equalTo("completed")).body("outcome", equalTo("succeeded"));

            as(submitter).get(location).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("history.action", contains("submitted", "approved", "started", "completed"))
                    .body("history[1].comment", equalTo("looks fine"))
                    .body("history[3].note", equalTo("disk grown"));
        }

        @Test
        void givenApprovedRequest_whenRescheduled_thenSubmittedAgainAndItNeedsApprovalBeforeItStarts() {
            String id = submit(submitter, body(host, "node", FUTURE, FUTURE.plus(Duration.ofHours(1))));
            step(approver, id, "approve", null).statusCode(200);
            step(submitter, id, "reschedule", Map.of("plannedStart", "2099-07-01T20:00:00Z",
                    "plannedEnd", "2099-07-01T21:00:00Z")).statusCode(200)
                    .body("status", equalTo("submitted"))
                    .body("plannedStart", equalTo("2099-07-01T20:00:00Z"))
                    .body("history.action", contains("submitted", "approved", "rescheduled"));
            step(submitter, id, "start", null).statusCode(409).body("currentStatus", equalTo("submitted"));
            step(approver, id, "approve", null).statusCode(200).body("status", equalTo("approved"));
        }

        @Test
        void givenPastWindow_whenApprovedAfterIt_thenRetroactive() {
            String id = submit(submitter, body(host, "service:pveproxy", PAST, PAST.plus(Duration.ofHours(1))));
            step(approver, id, "approve", null).statusCode(200).body("retroactive", equalTo(true))
                    .body("history[1].retroactive", equalTo(true));
        }

        @Test
        void givenRejectionAndCancellation_thenFinalStatuses() {
            String rejected = submit(submitter, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            step(approver, rejected, "reject", Map.of("comment", "not this week")).statusCode(200)
                    .body("status", equalTo("rejected"));
            String cancelled = submit(submitter, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            step(submitter, cancelled, "cancel", Map.of("comment", "not needed")).statusCode(200)
                    .body("status", equalTo("cancelled"));
        }
    }

    @Nested
    class WrongSteps {

        @Test
        void givenEachStatus_whenAStepItDoesNotAllow_then409WithTheCurrentStatus() {
            String id = submit(submitter, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            expectConflict(id, "start", null, "submitted");
            expectConflict(id, "complete", Map.of("outcome", "failed"), "submitted");
            step(approver, id, "approve", null).statusCode(200);
            expectConflict(id, "approve", null, "approved");
            expectConflict(id, "reject", Map.of("comment", "late"), "approved");
            expectConflict(id, "complete", Map.of("outcome", "failed"), "approved");
            step(submitter, id, "start", null).statusCode(200);
            expectConflict(id, "cancel", null, "in-progress");
            expectConflict(id, "reschedule", Map.of("plannedStart", "2099-08-01T00:00:00Z",
                    "plannedEnd", "2099-08-02T00:00:00Z"), "in-progress");
            expectConflict(id, "start", null, "in-progress");
            step(submitter, id, "complete", Map.of("outcome", "rolled-back")).statusCode(200);
            expectConflict(id, "complete", Map.of("outcome", "succeeded"), "completed");
            expectConflict(id, "cancel", null, "completed");
        }

        private void expectConflict(String id, String action, Map<String, Object> body, String status) {
            String token = action.equals("approve") || action.equals("reject") ? approver : submitter;
            step(token, id, action, body).statusCode(409).contentType("application/problem+json")
                    .body("currentStatus", equalTo(status))
                    .body("detail", containsString("is " + status))
                    .body("status", equalTo(409));
        }
    }

    @Nested
    class FourEyes {

        @Test
        void givenApproverWhoSubmitted_whenApprovingOwnRequest_then403AndAnotherApproverMay() {
            String id = submit(approver, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            step(approver, id, "approve", null).statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("allow-self-approval"));
            as(approver).get("/api/v1/change-requests/" + id).then().body("status", equalTo("submitted"));
            step(createKey("approver"), id, "approve", null).statusCode(200).body("selfApproved", equalTo(false));
        }

        @Test
        void givenRoles_whenStepsNeedAnother_then403() {
            String id = submit(submitter, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            step(submitter, id, "approve", null).statusCode(403);
            step(submitter, id, "reject", Map.of("comment", "x")).statusCode(403);
            as(createKey("reader", host)).contentType(ContentType.JSON)
                    .body(body(host, "101", FUTURE, FUTURE.plusSeconds(60))).post("/api/v1/change-requests")
                    .then().statusCode(403);
        }
    }

    @Nested
    class StrictBodies {

        @Test
        void givenUnknownOrWrongTypedField_then400NamingIt() {
            Map<String, Object> unknown = body(host, "101", FUTURE, FUTURE.plusSeconds(60));
            unknown.put("priority", "high");
            expectBadSubmission(unknown, "'priority'");
            Map<String, Object> number = body(host, "101", FUTURE, FUTURE.plusSeconds(60));
            number.put("plannedStart", 4102516800L);
            expectBadSubmission(number, "'plannedStart'");
            Map<String, Object> numericTarget = body(host, "101", FUTURE, FUTURE.plusSeconds(60));
            numericTarget.put("target", 101);
            expectBadSubmission(numericTarget, "'target'");
        }

        @Test
        void givenInvalidValues_then400NamingTheField() {
            Map<String, Object> target = body(host, "vm101", FUTURE, FUTURE.plusSeconds(60));
            expectBadSubmission(target, "'target'");
            Map<String, Object> risk = body(host, "101", FUTURE, FUTURE.plusSeconds(60));
            risk.put("risk", "extreme");
            expectBadSubmission(risk, "'risk'");
            expectBadSubmission(body(host, "101", FUTURE, FUTURE), "'plannedStart'");
            Map<String, Object> title = body(host, "101", FUTURE, FUTURE.plusSeconds(60));
            title.remove("title");
            expectBadSubmission(title, "'title'");
            Map<String, Object> time = body(host, "101", FUTURE, FUTURE.plusSeconds(60));
            time.put("plannedEnd", "tomorrow");
            expectBadSubmission(time, "'plannedEnd'");
        }

        @Test
        void givenBadStepBodies_then400() {
            String id = submit(submitter, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            step(approver, id, "reject", null).statusCode(400).body("detail", containsString("'comment'"));
            step(approver, id, "approve", Map.of("comment", "ok", "by", "me")).statusCode(400)
                    .body("detail", containsString("'by'"));
            // JSON null is no object, even where the body may be left out: the request stays as it was
            as(submitter).contentType(ContentType.JSON).body("null").post("/api/v1/change-requests/" + id + "/cancel")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("JSON null"));
            as(submitter).get("/api/v1/change-requests/" + id).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("submitted"));
            step(submitter, id, "reschedule", Map.of("plannedStart", "2099-08-02T00:00:00Z",
                    "plannedEnd", "2099-08-01T00:00:00Z")).statusCode(400).body("detail", containsString("before"));
            step(approver, id, "approve", null).statusCode(200);
            step(submitter, id, "start", null).statusCode(200);
            step(submitter, id, "complete", Map.of("outcome", "done")).statusCode(400)
                    .body("detail", containsString("'outcome'"));
            step(submitter, id, "complete", Map.of("note", "no outcome")).statusCode(400)
                    .body("detail", containsString("'outcome'"));
        }

        private void expectBadSubmission(Map<String, Object> body, String field) {
            as(submitter).contentType(ContentType.JSON).body(body).post("/api/v1/change-requests")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(field));
        }
    }

    @Nested
    class Scoping {

        @Test
        void givenKeyOfAnotherHost_thenTheRequestAndItsHostAreUnknown() {
            String id = submit(submitter, body(host, "101", FUTURE, FUTURE.plusSeconds(600)));
            String other = registerHost("cr-other", "lab", "pve-lab");
            String otherSubmitter = createKey("approver", other);
            as(otherSubmitter).get("/api/v1/change-requests/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
            step(otherSubmitter, id, "approve", null).statusCode(404);
            as(otherSubmitter).contentType(ContentType.JSON).body(body(host, "101", FUTURE, FUTURE.plusSeconds(60)))
                    .post("/api/v1/change-requests").then().statusCode(404);
            as(otherSubmitter).get("/api/v1/change-requests").then().statusCode(200)
                    .body("items.id", emptyIterable());
        }

        @Test
        void givenUnknownHostOrRequest_then404AndIngesterOrNoKeyIsRefused() {
            as(submitter).contentType(ContentType.JSON).body(body("no-such-host", "101", FUTURE, FUTURE.plusSeconds(60)))
                    .post("/api/v1/change-requests").then().statusCode(404);
            as(submitter).get("/api/v1/change-requests/0d8f6b52-6b4e-4a4e-9f57-8a8d2f1e0c11").then().statusCode(404);
            as(submitter).get("/api/v1/change-requests/not-a-uuid").then().statusCode(404);
            as(createKey("ingester", host)).get("/api/v1/change-requests").then().statusCode(403);
            io.restassured.RestAssured.given().get("/api/v1/change-requests").then().statusCode(401)
                    .header("WWW-Authenticate", containsString("Bearer"));
        }

        @Test
        void givenKeyForAllHosts_whenSubmitting_thenAnyHost() {
            String id = submit(createKey("submitter"), body(host, "storage:local-zfs", FUTURE, FUTURE.plusSeconds(60)));
            as(submitter).get("/api/v1/change-requests/" + id).then().statusCode(200)
                    .body("target", equalTo("storage:local-zfs"))
                    .body("history.action", hasItems("submitted"));
        }
    }
}
