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
}
