package changeledger.processing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.EventStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Past the configured lag bound readiness goes down, and comes back up when the processor catches up. */
@QuarkusTest
@TestProfile(ReadinessBoundTest.NoLagAllowed.class)
class ReadinessBoundTest {

    /** A profile whose readiness allows no lag at all. */
    public static class NoLagAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("changeledger.processing.readiness-max-lag-events", "0",
                    "changeledger.processing.metrics-interval", "200ms");
        }
    }

    @Inject
    EventStore store;

    @Test
    void givenLagPastTheBound_thenReadinessIsDown_andUpAgainAfterCatchUp() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> readinessStatus() == 200);

        try (HeldBackSafeHead held = HeldBackSafeHead.hold(store)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> readinessStatus() == 503);
            given().when().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'changeledger-processors' }.status",
                            org.hamcrest.Matchers.equalTo("DOWN"));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> readinessStatus() == 200);
    }

    private static int readinessStatus() {
        return given().when().get("/q/health/ready").statusCode();
    }
}
