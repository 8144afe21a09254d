package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.PlainDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statements behind the processor status (admin listing, readiness, lag metrics) read a bounded range of the
 * event index on a table that has no column statistics, as after a restore (the index builds count the rows, nothing
 * gathers statistics) or with autovacuum off: a count over the whole table was planned as a sequential scan there,
 * and took seconds at 1.7 million events.
 */
class StatusPlanWithoutStatisticsTest {

    private static final int EVENTS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PlainDatabase db;
    private static GlobalCursor head;
    private static GlobalCursor middle;

    @BeforeAll
    static void aTableWithoutStatistics() throws Exception {
        db = PlainDatabase.migrated();
        db.execute("alter table domain_event set (autovacuum_enabled = false)");
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(event("Filled", "event " + i));
        }
        db.appendCommitted(uniqueAggregate("NoStatistics"), events);
        try (Connection connection = db.connect()) {
            head = db.reader().safeHead(connection).orElseThrow();
            middle = new GlobalCursor(head.txId(), head.position() - EVENTS / 2);
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void givenNoStatistics_whenTheStatusStatementsArePlanned_thenNoneScansTheEventTable() throws Exception {
        assertThat(db.queryLong("select count(*) from pg_stats where tablename = 'domain_event'")).isZero();
        assertThat(db.queryLong("select reltuples::bigint from pg_class where relname = 'domain_event'"))
                .as("rows unknown, as in a fresh table").isNegative();
        assertNoStatusStatementScans();

        db.execute("vacuum domain_event");

        assertThat(db.queryLong("select count(*) from pg_stats where tablename = 'domain_event'")).isZero();
        assertThat(db.queryLong("select reltuples::bigint from pg_class where relname = 'domain_event'"))
                .as("rows counted, as after a restore's index builds").isEqualTo(EVENTS);
        assertNoStatusStatementScans();
    }

    private static void assertNoStatusStatementScans() throws Exception {
        for (GlobalCursor cursor : List.of(GlobalCursor.START, middle, head)) {
            assertThat(scans(EventRepository.BACKLOG_CHUNK, cursor, EventRepository.BACKLOG_CHUNK_EVENTS))
                    .as("lag chunk after %s", cursor).containsExactly("Limit", "Index Scan on domain_event");
            assertThat(scans(EventRepository.HAS_EVENTS_AFTER, cursor)).as("probe after %s", cursor)
                    .containsExactly("Limit", "Index Only Scan on domain_event");
        }
        assertThat(scans(EventRepository.SAFE_HEAD)).as("safe head").doesNotContain("Seq Scan on domain_event")
                .contains("Limit");
    }

    @Test
    void givenALagPastTheLimit_whenCounted_thenTheLimitAndAtLeast_andBelowItTheExactCount() throws Exception {
        EventRepository repository = new EventRepository(JSON);
        try (Connection connection = db.connect()) {
            Backlog far = repository.backlog(connection, GlobalCursor.START, 5_500);
            Backlog all = repository.backlog(connection, GlobalCursor.START, 100_000);
            Backlog half = repository.backlog(connection, middle, 100_000);
            Backlog none = repository.backlog(connection, head, 100_000);

            assertThat(far.events()).isEqualTo(5_500);
            assertThat(far.atLeast()).isTrue();
            assertThat(all.events()).isEqualTo(EVENTS);
            assertThat(all.atLeast()).isFalse();
            assertThat(all.oldestRecordedAt()).isEqualTo(far.oldestRecordedAt()).isNotNull();
            assertThat(half.events()).isEqualTo(EVENTS / 2);
            assertThat(none).isEqualTo(new Backlog(0, false, null));
        }
    }

    /**
     * The limits and the scans of the event table, in plan order, in the plan of {@code sql} with these values for its
     * parameters.
     */
    private static List<String> scans(String sql, Object... values) throws Exception {
        List<String> literals = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof GlobalCursor cursor) {
                literals.add("'" + cursor.txId() + "'");
                literals.add(Long.toString(cursor.position()));
            } else {
                literals.add(String.valueOf(value));
            }
        }
        StringBuilder bound = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            bound.append(c == '?' ? literals.get(next++) : String.valueOf(c));
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("explain (format json) " + bound)) {
            rs.next();
            List<String> scans = new ArrayList<>();
            collectScans(JSON.readTree(rs.getString(1)).get(0).get("Plan"), scans);
            return scans;
        }
    }

    private static void collectScans(JsonNode plan, List<String> scans) {
        String node = plan.path("Node Type").asText();
        if (node.equals("Limit")) {
            scans.add(node);
        } else if ("domain_event".equals(plan.path("Relation Name").asText())) {
            scans.add(node + " on domain_event");
        }
        for (JsonNode child : plan.path("Plans")) {
            collectScans(child, scans);
        }
    }
}
