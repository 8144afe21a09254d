package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two questions processors and the lag gauges ask about the head of the store stay index probes however often
 * they are asked. PostgreSQL switches a statement that the driver prepared on the server to a generic plan after a
 * few runs; for "anything after this cursor?" that plan was a sequential scan, which at the head reads the whole
 * table: every idle processor did so every poll interval.
 */
@QuarkusTest
class IdleCheckPlanTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void enoughEventsForAScanToLookCheap() {
        QuarkusTransaction.requiringNew().run(() -> {
            List<AppendRequest> requests = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                requests.add(new AppendRequest(uniqueAggregate("IdleCheck"), AppendRequest.NEW_STREAM,
                        List.of(event("Filled", "event " + i))));
            }
            store.appendAll(requests, metadata("idle-check"));
        });
    }

    @Test
    void givenTheQuestionWhetherEventsFollow_whenPlannedGenerically_thenAnIndexProbe() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("analyze domain_event");
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("prepare has_after(text, bigint) as "
                    + numbered(EventRepository.HAS_EVENTS_AFTER));
            String plan = plan(statement, "explain execute has_after('0', 0)");
            statement.execute("deallocate has_after");
            statement.execute("reset plan_cache_mode");

            assertThat(plan).contains("Index").doesNotContain("Seq Scan");
        }
    }

    @Test
    void givenTheBacklogAskedAgainAndAgain_whenCounted_thenNeverAServerSidePreparedStatement() throws Exception {
        EventRepository repository = new EventRepository(mapper);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            GlobalCursor head = repository.safeHead(connection).orElseThrow();
            for (int i = 0; i < 10; i++) {
                repository.backlog(connection, head, 1_000);
                repository.hasEventsAfter(connection, head);
            }
            try (ResultSet rs = statement.executeQuery("select statement from pg_prepared_statements")) {
                List<String> prepared = new ArrayList<>();
                while (rs.next()) {
                    prepared.add(rs.getString(1));
                }
                assertThat(prepared).as("server-side prepared statements of this session")
                        .anyMatch(sql -> sql.contains("order by tx_id, position limit 1"))
                        .noneMatch(sql -> sql.contains("min(recorded_at)"));
            }
        }
    }

    /** The statement with PostgreSQL's numbered parameters instead of JDBC's question marks. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            out.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        return out.toString();
    }

    private static String plan(Statement statement, String explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = statement.executeQuery(explain)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
