package changeledger.changerequest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.ChangeRequests.body;
import static changeledger.support.ChangeRequests.step;
import static changeledger.support.ChangeRequests.submit;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One-person operation: with self-approval allowed the submitting key may approve, visibly. */
@QuarkusTest
@TestProfile(SelfApprovalTest.SelfApprovalAllowed.class)
class SelfApprovalTest {

    /** A profile that relaxes four-eyes approval. */
    public static class SelfApprovalAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("changeledger.change-requests.allow-self-approval", "true");
        }
    }

    @Test
    void givenSelfApprovalAllowed_whenTheSubmittingKeyApproves_thenApprovedAndMarkedSelfApproved() {
        String host = registerHost("cr-solo", "infrastructure", "pve-infra");
        String solo = createKey("approver", host);
        Instant start = Instant.parse("2099-01-01T10:00:00Z");
        String id = submit(solo, body(host, "101", start, start.plusSeconds(3600)));
        step(solo, id, "approve", Map.of("comment", "one-person shop")).statusCode(200)
                .body("status", equalTo("approved"))
                .body("selfApproved", equalTo(true))
                .body("history[1].selfApproved", equalTo(true));
        as(solo).get("/api/v1/change-requests/" + id).then().body("selfApproved", equalTo(true));
        step(createKey("approver", host), submit(solo, body(host, "102", start, start.plusSeconds(60))), "approve", null)
                .statusCode(200).body("selfApproved", equalTo(false));
    }
}
