package changeledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The writes of the event index: rows of a generation, in the batch transaction of {@link EventIndexProjection}. */
final class EventIndexWriter {

    private static final String INSERT = """
            insert into event_index (generation, position, tx_id, host_id, event_type, event_class, actor,
                                     actor_key_id, source, guest, correlation_id, summary, failed, occurred_at,
                                     occurred_month, target, security)
            select ?, * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::date[], ?::text[],
                                    ?::boolean[])
            """;

    private static final String DELETE_GENERATION = "delete from event_index where generation = ?";

    private EventIndexWriter() {
    }

    /** Indexes a batch of events of one generation, in the order given. */
    static void insert(Connection connection, int generation, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int size = rows.size();
        Long[] positions = new Long[size];
        Long[] txIds = new Long[size];
        String[][] texts = new String[9][size];
        String[] summaries = new String[size];
        Boolean[] failed = new Boolean[size];
        String[] months = new String[size];
        String[] targets = new String[size];
        Boolean[] security = new Boolean[size];
        for (int i = 0; i < size; i++) {
            Row row = rows.get(i);
            EventFacts facts = row.facts();
            positions[i] = row.position();
            txIds[i] = row.txId();
            texts[0][i] = facts.hostId();
            texts[1][i] = row.type();
            texts[2][i] = facts.eventClass();
            texts[3][i] = facts.actor();
            texts[4][i] = facts.actorKeyId();
            texts[5][i] = facts.source();
            texts[6][i] = facts.guest();
            texts[7][i] = facts.correlationId();
            texts[8][i] = row.occurredAt().toString();
            summaries[i] = facts.summary();
            failed[i] = facts.failed();
            months[i] = EventIndexRepository.monthOf(row.occurredAt()).toString();
            targets[i] = facts.target();
            security[i] = facts.security();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setInt(1, generation);
            insert.setArray(2, connection.createArrayOf("bigint", positions));
            insert.setArray(3, connection.createArrayOf("bigint", txIds));
            for (int column = 0; column < 8; column++) {
                insert.setArray(4 + column, connection.createArrayOf("text", texts[column]));
            }
            insert.setArray(12, connection.createArrayOf("text", summaries));
            insert.setArray(13, connection.createArrayOf("boolean", failed));
            insert.setArray(14, connection.createArrayOf("text", texts[8]));
            insert.setArray(15, connection.createArrayOf("text", months));
            insert.setArray(16, connection.createArrayOf("text", targets));
            insert.setArray(17, connection.createArrayOf("boolean", security));
            insert.executeUpdate();
        }
    }

    /** Drops every row of a generation. */
    static void deleteGeneration(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_GENERATION)) {
            delete.setInt(1, generation);
            delete.executeUpdate();
        }
    }

    /** One row to index. */
    record Row(long position, long txId, String type, Instant occurredAt, EventFacts facts) {
    }
}
