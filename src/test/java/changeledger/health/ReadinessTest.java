package changeledger.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void givenTestDatabase_thenReadyAndReportsExternalMode() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("changeledger-database"))
                .body("checks.find { it.name == 'changeledger-database' }.data.mode", equalTo("external"))
                .body("checks.find { it.name == 'changeledger-database' }.data.serverVersion", notNullValue());
    }

    @Test
    void openApiAndMetricsAnswer() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/hosts'.post", notNullValue())
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
