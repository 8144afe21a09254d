package changeledger.support;

import static changeledger.support.Api.as;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds change request bodies and takes workflow steps over real HTTP, as a client would. */
public final class ChangeRequests {

    private ChangeRequests() {
    }

    /** A complete, valid submission body (mutable, so a test can break one field). */
    public static Map<String, Object> body(String hostId, String target, Instant start, Instant end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hostId", hostId);
        body.put("target", target);
        body.put("title", "Change " + target + " on " + hostId);
        body.put("description", "What will be done, in Markdown.");
        body.put("plannedStart", start.toString());
        body.put("plannedEnd", end.toString());
        body.put("risk", "medium");
        body.put("rollbackPlan", "Restore the snapshot.");
        return body;
    }

    /** Submits a body with a key and returns the new request's id. */
    public static String submit(String token, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/v1/change-requests")
                .then().statusCode(201).extract().path("id");
    }

    /** Takes a step with a JSON body (null: none) and returns the response to check. */
    public static ValidatableResponse step(String token, String id, String step, Map<String, Object> body) {
        var request = as(token);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/api/v1/change-requests/" + id + "/" + step).then();
    }
}
