package changeledger.processing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.EventStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Lag shows in readiness and /q/metrics while an open transaction holds the safe head back. */
@QuarkusTest
class ProcessorMonitoringTest {

    @Inject
    EventStore store;

    @Test
    void givenOpenTransactionHoldingBackTheSafeHead_thenLagAndItsAgeShowUntilItEnds() throws Exception {
        try (HeldBackSafeHead held = HeldBackSafeHead.hold(store)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> readinessLag() >= 1);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    metric("changeledger_processor_lag_events\\{processor=\"seal-chain\"}") >= 1
                            && metric("changeledger_safehead_oldest_transaction_seconds") > 0);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> readinessLag() == 0);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static long readinessLag() {
        return given().when().get("/q/health/ready").then().extract().jsonPath()
                .getLong("checks.find { it.name == 'changeledger-processors' }.data.'seal-chain.lagEvents'");
    }

    private static double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+|NaN)$").matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
