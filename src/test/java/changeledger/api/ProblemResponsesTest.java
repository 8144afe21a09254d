package changeledger.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest {

    @Test
    void givenUnknownPath_thenProblemJsonWithoutStackTrace() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("/q/openapi"))
                .body(not(containsString("at changeledger.")));
    }

    @Test
    void givenJsonBodyOverTheLimit_then413ProblemBeforeAnythingIsRead() {
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"role\":\"reader\"}";

        changeledger.support.Api.asAdmin().contentType("application/json").body(huge)
                .post("/api/v1/api-keys")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("changeledger.limits.json-body-bytes"));
    }

    @Test
    void givenABodyOfAnotherContentType_then415NamesTheTypeTheEndpointTakes() {
        changeledger.support.Api.asAdmin().contentType("application/x-www-form-urlencoded")
                .body("{\"id\":\"x\"}").post("/api/v1/hosts")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("This endpoint takes application/json"))
                .body("detail", containsString("Content-Type: application/x-www-form-urlencoded"))
                .body("detail", not(containsString("@Consumes")));
        String host = changeledger.support.Api.registerHost("media", "lab", "pve-media");
        changeledger.support.Api.as(changeledger.support.Api.createKey("ingester", host))
                .contentType("application/json").body("[]")
                .post("/api/v1/hosts/" + host + "/ingest/task-index")
                .then().statusCode(415).body("detail", containsString("takes text/plain"))
                .body("detail", containsString("-H 'Content-Type: text/plain'"));
    }

    @Test
    void givenNoKey_then401SaysHowToSendOneAndWhereTheFirstComesFrom() {
        given().get("/api/v1/hosts").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("has no API key"))
                .body("detail", containsString("'Authorization: Bearer <key>'"))
                .body("detail", containsString("CHANGELEDGER_ADMIN_TOKEN"));
        changeledger.support.Api.as("clk_unknown").get("/api/v1/hosts").then().statusCode(401)
                .body("detail", containsString("unknown or revoked"));
    }

    @Test
    void givenAMissingIdInThePath_then405NamesTheMethodsThatPathTakes() {
        changeledger.support.Api.asAdmin().contentType("application/json").body("{}")
                .post("/api/v1/change-requests/approve")     // what '/change-requests//approve' becomes
                .then().statusCode(405).contentType("application/problem+json").header("Allow", "GET")
                .body("detail", containsString("it takes GET"))
                .body("detail", containsString("missing id"));
    }
}
