package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProcessorResourceTest {

    private static final String PATH = "/api/v1/admin/processors";

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CountingHandler counter;

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void givenAdmin_whenListing_thenEveryProcessorWithPositionLagAndOwner() {
        appendEvents(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> lag(SealingHandler.NAME) == 0 && lag(CountingHandler.NAME) == 0);

        given().when().get(PATH).then().statusCode(200)
                .body("items.name", hasItems(SealingHandler.NAME, CountingHandler.NAME))
                .body("items.find { it.name == 'seal-chain' }.lagEvents", equalTo(0))
                .body("items.find { it.name == 'seal-chain' }.lagSeconds", equalTo(0.0f))
                .body("items.find { it.name == 'seal-chain' }.owner", containsString("-"));
        assertThat(list().getLong("items.find { it.name == 'seal-chain' }.position")).isPositive();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void givenAdmin_whenReplayRequested_thenTheNextGenerationTakesOverWithEveryEvent() throws Exception {
        appendEvents(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> lag(CountingHandler.NAME) == 0);
        int generation = list().getInt("items.find { it.name == 'test-counter' }.generation");

        given().when().post(PATH + "/" + CountingHandler.NAME + "/replay").then().statusCode(202)
                .body("generation", equalTo(generation + 1));

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonPath list = list();
            return list.getInt("items.find { it.name == 'test-counter' }.generation") == generation + 1
                    && !list.getBoolean("items.find { it.name == 'test-counter' }.replaying")
                    && lag(CountingHandler.NAME) == 0;
        });
        assertThat(counter.count(generation + 1)).isEqualTo(eventsInStore());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void givenSealerOrUnknownName_whenReplayRequested_thenProblem() {
        given().when().post(PATH + "/seal-chain/replay").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("append-only"));
        given().when().post(PATH + "/no-such-processor/replay").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("seal-chain"));
    }

    @Test
    void givenNoCredentials_whenListing_thenUnauthorized() {
        given().when().get(PATH).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "reader", roles = "reader")
    void givenReader_whenReplayRequested_thenForbidden() {
        given().when().post(PATH + "/test-counter/replay").then().statusCode(403);
    }

    private JsonPath list() {
        return given().when().get(PATH).then().statusCode(200).extract().jsonPath();
    }

    private long lag(String name) {
        return list().getLong("items.find { it.name == '" + name + "' }.lagEvents");
    }

    private void appendEvents(int count) {
        for (int i = 0; i < count; i++) {
            QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(uniqueAggregate("Rest"),
                    AppendRequest.NEW_STREAM, List.of(event("Listed", "rest"))), metadata("rest")));
        }
    }

    private long eventsInStore() throws Exception {
        try (Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select count(*) from domain_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
