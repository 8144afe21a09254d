package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.support.PlainDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reader's rows read with their events in one statement (ADR 0030): in global order, and none lost. */
class JoinedReadTest {

    private final EventRepository repository = new EventRepository(new ObjectMapper());
    private PlainDatabase db;

    @BeforeEach
    void setUp() {
        db = PlainDatabase.migrated();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void givenRowsInAnyOrder_whenReadWithEvents_thenEachHasTheEventAtItsPositionInGlobalOrder() throws Exception {
        AppendResult first = db.appendCommitted(uniqueAggregate("Joined"), List.of(event("Noted", "one")));
        AppendResult second = db.appendCommitted(uniqueAggregate("Joined"), List.of(event("Noted", "two"),
                event("Noted", "three")));
        List<AppendResult.Appended> appended = List.of(second.appended().get(1), first.appended().get(0),
                second.appended().get(0));

        List<JoinedRead.WithEvent<String>> rows;
        try (Connection connection = db.connect()) {
            rows = repository.readWithEvents(connection, positions(appended.stream()
                    .mapToLong(AppendResult.Appended::position).toArray()));
        }

        assertThat(rows).extracting(JoinedRead.WithEvent::row)
                .containsExactly("row " + first.appended().get(0).position(),
                        "row " + second.appended().get(0).position(), "row " + second.appended().get(1).position());
        assertThat(rows).allSatisfy(row -> assertThat(row.row()).isEqualTo("row " + row.event().position()));
        assertThat(rows).extracting(row -> row.event().id()).containsExactly(first.appended().get(0).eventId(),
                second.appended().get(0).eventId(), second.appended().get(1).eventId());
        assertThat(rows.get(2).event().payloadJson()).contains("three");
    }

    @Test
    void givenARowNamingNoEvent_whenReadWithEvents_thenRefusedRatherThanDropped() throws Exception {
        AppendResult stored = db.appendCommitted(uniqueAggregate("Joined"), List.of(event("Noted", "one")));
        long missing = stored.appended().get(0).position() + 1_000;

        try (Connection connection = db.connect()) {
            assertThatThrownBy(() -> repository.readWithEvents(connection,
                    positions(new long[]{stored.appended().get(0).position(), missing})))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("row " + missing);
        }
    }

    /** A reader's own rows: the given positions with the transaction ids the store gave them. */
    private static JoinedRead<String> positions(long[] positions) {
        return new JoinedRead<>() {
            @Override
            public String sql() {
                return "select p.position, coalesce(e.tx_id::text::bigint, 0) as tx_id, 'row ' || p.position as label"
                        + " from unnest(?::bigint[]) as p(position) left join domain_event e using (position)";
            }

            @Override
            public int columns() {
                return 3;
            }

            @Override
            public void bind(Connection connection, PreparedStatement statement) throws SQLException {
                Long[] boxed = new Long[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    boxed[i] = positions[i];
                }
                statement.setArray(1, connection.createArrayOf("bigint", boxed));
            }

            @Override
            public String read(ResultSet row) throws SQLException {
                return row.getString(3);
            }

            @Override
            public String toString() {
                return "positions";
            }
        };
    }
}
