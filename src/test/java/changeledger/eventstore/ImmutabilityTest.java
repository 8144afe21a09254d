package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ImmutabilityTest {

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {
        "update domain_event set payload = '{\"note\":\"rewritten\"}' where aggregate_id = '%s'",
        "delete from domain_event where aggregate_id = '%s'",
        "truncate domain_event"
    })
    void givenStoredEvent_whenChangingHistoryThroughJdbc_thenPostgresRefuses(String sql) throws SQLException {
        AggregateRef aggregate = uniqueAggregate("Immutable");
        QuarkusTransaction.requiringNew().run(() -> store.append(
                new AppendRequest(aggregate, AppendRequest.NEW_STREAM, List.of(event("A", "original"))),
                metadata("r")));

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql.formatted(aggregate.id())))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }

        assertThat(store.readStream(aggregate)).singleElement()
                .satisfies(e -> assertThat(e.payload().get("note").asText()).isEqualTo("original"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "update event_seal set event_hash = previous_hash where event_id = '%s'",
        "delete from event_seal where event_id = '%s'",
        "truncate event_seal"
    })
    void givenSealedEvent_whenChangingTheSealChainThroughJdbc_thenPostgresRefuses(String sql) throws SQLException {
        AggregateRef aggregate = uniqueAggregate("Sealed");
        var appended = QuarkusTransaction.requiringNew().call(() -> store.append(
                new AppendRequest(aggregate, AppendRequest.NEW_STREAM, List.of(event("A", "sealed"))), metadata("r")));
        String eventId = appended.appended().get(0).eventId().toString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sealCount(eventId) == 1);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql.formatted(eventId)))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }

        assertThat(sealCount(eventId)).isEqualTo(1);
    }

    private long sealCount(String eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from event_seal where event_id = '" + eventId
                     + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
