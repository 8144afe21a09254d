package changeledger.projection;

import changeledger.eventstore.JoinedRead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of the event index as {@link EventIndexRepository#pageRead} builds it: its statement and parameters, one
 * scan of the gap-safe order, or one scan per index range of the time filter ({@link IndexRanges}) merged in that
 * order.
 *
 * <p>Statement, parameters and rows are built in separate small methods on purpose: when the page's method built
 * the text month by month and read the rows itself, the JIT's optimising compile of it ran for 3-12 s, held
 * 160-250 MB of native memory and then gave up ("out of nodes"), and the C library kept that memory, so the
 * service's RSS rose by as much for the rest of its life (ADR 0060's budget).
 */
record EventIndexPage(String sql, List<Object> values) implements JoinedRead<IndexedEvent> {

    /** The columns a page reads, in the order {@link EventIndexRepository#indexed} maps them. */
    static final String ROW = "position, tx_id, host_id, event_class, actor, guest, summary, target, security";

    /** How many columns {@link #ROW} names. */
    private static final int ROW_COLUMNS = ROW.split(",").length;

    /**
     * The page: one scan when {@code ranges} is empty, else one scan per range merged in the global order; no
     * further than {@code upTo} ({@code {txId, position}}) when it is not null. Every month's scan has the same text
     * (the month is a parameter), and every day's, so the texts are built once.
     */
    static EventIndexPage of(EventIndexFilter filter, List<IndexRanges.Range> ranges, long[] upTo, long afterTxId,
                             long afterPosition, int limit) {
        List<Object> values = new ArrayList<>();
        if (ranges.isEmpty()) {
            armValues(values, filter, null, upTo, afterTxId, afterPosition, limit);
            return new EventIndexPage(arm(filter, null, upTo != null), values);
        }
        String monthArm = arm(filter, "occurred_month", upTo != null);
        String dayArm = arm(filter, "occurred_day", upTo != null);
        StringBuilder sql = new StringBuilder("select * from (");
        for (int i = 0; i < ranges.size(); i++) {
            IndexRanges.Range range = ranges.get(i);
            sql.append(i == 0 ? "(" : " union all (").append(range.day() ? dayArm : monthArm).append(')');
            armValues(values, filter, range.key(), upTo, afterTxId, afterPosition, limit);
        }
        values.add(limit);
        return new EventIndexPage(sql.append(") by_range order by tx_id, position limit ?").toString(), values);
    }

    @Override
    public int columns() {
        return ROW_COLUMNS;
    }

    @Override
    public void bind(Connection connection, PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    @Override
    public IndexedEvent read(ResultSet row) throws SQLException {
        return EventIndexRepository.indexed(row);
    }

    @Override
    public String toString() {
        return "the event index";
    }

    /**
     * One scan of the index in the global order: every filter, the cursor, the bound when {@code bounded}, and the
     * range ({@code rangeColumn} = ?) when not null; its parameters, in this order, are those {@link #armValues} adds.
     */
    private static String arm(EventIndexFilter filter, String rangeColumn, boolean bounded) {
        StringBuilder sql = new StringBuilder("select ").append(ROW).append(" from event_index where ")
                .append(EventIndexRepository.ACTIVE).append(" and (tx_id, position) > (?, ?)");
        condition(sql, "(tx_id, position) <= (?, ?)", bounded);
        condition(sql, rangeColumn + " = ?", rangeColumn != null);
        condition(sql, "host_id = ?", filter.host() != null);
        if (filter.visibleHosts() != null) {
            sql.append(" and host_id = any(?)");
        } else if (!filter.hostless()) {
            sql.append(" and host_id is not null");
        }
        condition(sql, "event_type = ?", filter.type() != null);
        condition(sql, "event_class = ?", filter.eventClass() != null);
        condition(sql, "(actor = ? or actor_key_id = ?)", filter.actor() != null);
        condition(sql, "source = ?", filter.source() != null);
        condition(sql, "guest = ?", filter.guest() != null);
        condition(sql, "correlation_id = ?", filter.correlationId() != null);
        condition(sql, "occurred_at >= ?", filter.from() != null);
        condition(sql, "occurred_at < ?", filter.to() != null);
        return sql.append(" order by tx_id, position limit ?").toString();
    }

    /** The parameters of one {@link #arm}, in its order; {@code range} null when the scan is not by range. */
    private static void armValues(List<Object> values, EventIndexFilter filter, Object range, long[] upTo,
                                  long afterTxId, long afterPosition, int limit) {
        values.add(EventIndexProjection.NAME);
        values.add(afterTxId);
        values.add(afterPosition);
        if (upTo != null) {
            values.add(upTo[0]);
            values.add(upTo[1]);
        }
        addIfSet(values, range);
        addIfSet(values, filter.host());
        if (filter.visibleHosts() != null) {
            values.add(filter.visibleHosts().toArray(String[]::new));
        }
        addIfSet(values, filter.type());
        addIfSet(values, filter.eventClass());
        if (filter.actor() != null) {
            values.add(filter.actor());
            values.add(filter.actor());
        }
        addIfSet(values, filter.source());
        addIfSet(values, filter.guest());
        addIfSet(values, filter.correlationId());
        addIfSet(values, filter.from() == null ? null : Timestamp.from(filter.from()));
        addIfSet(values, filter.to() == null ? null : Timestamp.from(filter.to()));
        values.add(limit);
    }

    private static void condition(StringBuilder sql, String condition, boolean present) {
        if (present) {
            sql.append(" and ").append(condition);
        }
    }

    private static void addIfSet(List<Object> values, Object value) {
        if (value != null) {
            values.add(value);
        }
    }
}
