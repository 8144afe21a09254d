package changeledger.bench;

import changeledger.bench.AuditDataSet.EventRow;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL's own ways of writing the same rows the store writes: a plain INSERT (single or JDBC batch)
 * and COPY. Position, recorded_at and tx_id come from the table's identity and defaults, as in the store.
 */
public final class ReferenceWriter {

    private static final String COLUMNS = "event_id, aggregate_type, aggregate_id, sequence_number, event_type, "
            + "revision, payload, metadata, occurred_at";

    private final String table;
    private final String metadataJson;

    /** Writes into {@code table} (the twin), every row with the given metadata text. */
    public ReferenceWriter(String table, String metadataJson) {
        this.table = table;
        this.metadataJson = metadataJson;
    }

    /** The INSERT of one row, for {@link #bind}; prepare it once per connection. */
    public PreparedStatement prepareInsert(Connection connection) throws SQLException {
        return connection.prepareStatement("insert into " + table + " (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)");
    }

    /** Binds one row to a statement from {@link #prepareInsert}. */
    public void bind(PreparedStatement insert, EventRow row) throws SQLException {
        insert.setObject(1, row.id());
        insert.setString(2, row.aggregate().type());
        insert.setString(3, row.aggregate().id());
        insert.setLong(4, row.sequence());
        insert.setString(5, row.type());
        insert.setInt(6, row.revision());
        insert.setString(7, row.payloadJson());
        insert.setString(8, metadataJson);
        insert.setObject(9, row.occurredAt().atOffset(ZoneOffset.UTC));
    }

    /**
     * A JDBC batch insert of the rows (rewritten to multi-row INSERTs when the URL asks for it). Returns the rows
     * the driver confirmed: a rewritten batch reports each statement as {@link Statement#SUCCESS_NO_INFO}, counted
     * as its one row.
     */
    public long insertBatch(PreparedStatement insert, List<EventRow> rows) throws SQLException {
        for (EventRow row : rows) {
            bind(insert, row);
            insert.addBatch();
        }
        long inserted = 0;
        for (int count : insert.executeBatch()) {
            if (count == Statement.SUCCESS_NO_INFO) {
                inserted++;
            } else if (count >= 0) {
                inserted += count;
            } else {
                throw new SQLException("a batched insert into " + table + " failed (" + count + ")");
            }
        }
        return inserted;
    }

    /** COPY of the rows in text format, in the caller's transaction; returns the rows PostgreSQL copied. */
    public long copy(Connection connection, List<EventRow> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 640);
        for (EventRow row : rows) {
            text.append(row.id()).append('\t');
            escape(text, row.aggregate().type()).append('\t');
            escape(text, row.aggregate().id()).append('\t');
            text.append(row.sequence()).append('\t');
            escape(text, row.type()).append('\t');
            text.append(row.revision()).append('\t');
            escape(text, row.payloadJson()).append('\t');
            escape(text, metadataJson).append('\t');
            text.append(row.occurredAt()).append('\n');
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            return copy.copyIn("copy " + table + " (" + COLUMNS + ") from stdin", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    /** Appends a value in COPY text format (backslash escapes; {@code \N} for null). */
    static StringBuilder escape(StringBuilder text, String value) {
        if (value == null) {
            return text.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }
}
