package changeledger.eventstore.rest;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import changeledger.processing.ProcessingRuntime;
import changeledger.processing.SealingHandler;
import changeledger.support.PlainDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SealResourceTest {

    @Inject
    EventStore store;

    @Inject
    ProcessingRuntime processing;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @TestSecurity(user = "reader", roles = "reader")
    void givenSealedEvents_whenVerified_thenTheChainAndTheCheckpointAgree() {
        QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(uniqueAggregate("Sealed"),
                AppendRequest.NEW_STREAM, List.of(event("Noted", "one"), event("Noted", "two"))), metadata("seal")));
        await().atMost(Duration.ofSeconds(20)).until(() -> processing.engine().statuses().stream()
                .anyMatch(s -> s.name().equals(SealingHandler.NAME) && s.lagEvents() == 0 && s.position() > 0));

        JsonPath checkpoint = given().when().get("/api/v1/events/checkpoint").then().statusCode(200)
                .body("at", notNullValue()).extract().jsonPath();
        long position = checkpoint.getLong("position");
        String hash = checkpoint.getString("hash");
        assertThat(position).isGreaterThanOrEqualTo(2);
        assertThat(hash).matches("[0-9a-f]{64}");

        given().when().get("/api/v1/events/verify").then().statusCode(200)
                .body("verified", equalTo(true)).body("firstBrokenPosition", nullValue());
        given().queryParam("checkpointPosition", position).queryParam("checkpointHash", hash)
                .when().get("/api/v1/events/verify").then().statusCode(200)
                .body("verified", equalTo(true));
        given().queryParam("checkpointPosition", position).queryParam("checkpointHash", "0".repeat(64))
                .when().get("/api/v1/events/verify").then().statusCode(200)
                .body("verified", equalTo(false)).body("reason", containsString("checkpoint"));
    }

    @Test
    @TestSecurity(user = "reader", roles = "reader")
    void givenSealedEventsTxIdMovedFarAheadBySuperuser_whenVerified_thenItsPositionIsNamed() throws Exception {
        long victim = QuarkusTransaction.requiringNew().call(() -> store.append(new AppendRequest(
                uniqueAggregate("Moved"), AppendRequest.NEW_STREAM, List.of(event("Noted", "moved"))),
                metadata("seal"))).appended().get(0).position();
        await().atMost(Duration.ofSeconds(20)).until(() -> processing.engine().statuses().stream()
                .anyMatch(s -> s.name().equals(SealingHandler.NAME) && s.lagEvents() == 0 && s.position() >= victim));
        String moveAhead = "update domain_event set tx_id = (tx_id::text::bigint + 1000000000)::text::xid8"
                + " where position = " + victim;
        String moveBack = "update domain_event set tx_id = (tx_id::text::bigint - 1000000000)::text::xid8"
                + " where position = " + victim;

        asSuperuserWithoutTriggers(moveAhead);
        try {
            given().when().get("/api/v1/events/verify").then().statusCode(200)
                    .body("verified", equalTo(false)).body("firstBrokenPosition", equalTo((int) victim))
                    .body("reason", containsString("safe head"));
        } finally {
            asSuperuserWithoutTriggers(moveBack);
        }
        given().when().get("/api/v1/events/verify").then().statusCode(200).body("verified", equalTo(true));
    }

    /** How a superuser changes a sealed event: with the immutability triggers off for one transaction. */
    private void asSuperuserWithoutTriggers(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            PlainDatabase.tamper(connection, sql);
        }
    }

    @Test
    @TestSecurity(user = "reader", roles = "reader")
    void givenHalfACheckpoint_whenVerified_thenBadRequestProblem() {
        given().queryParam("checkpointPosition", 1).when().get("/api/v1/events/verify").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("checkpointHash"));
    }

    @Test
    void givenNoCredentials_whenCheckpointRead_thenUnauthorized() {
        given().when().get("/api/v1/events/checkpoint").then().statusCode(401);
    }
}
