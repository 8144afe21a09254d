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
}
