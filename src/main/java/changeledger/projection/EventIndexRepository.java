package changeledger.projection;

import changeledger.eventstore.JoinedRead;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** All SQL of the event index: rows written by {@link EventIndexProjection}, pages read by the audit query. */
@ApplicationScoped
public class EventIndexRepository {

    private static final String INSERT = """
            insert into event_index (generation, position, tx_id, host_id, event_type, event_class, actor,
                                     actor_key_id, source, guest, correlation_id, summary, failed, occurred_at,
                                     occurred_month, target)
            select ?, * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::date[], ?::text[])
            """;

    private static final String DELETE_GENERATION = "delete from event_index where generation = ?";

    /** The generation readers see: the one the processor's token names. */
    private static final String ACTIVE = """
            generation = (select generation from processor_token where name = ?)
            """;

    private static final String ROW = "position, tx_id, host_id, event_class, actor, guest, summary, target";

    /** How many columns {@link #ROW} names. */
    private static final int ROW_COLUMNS = ROW.split(",").length;

    private static final String AT_POSITIONS = "select " + ROW + " from event_index where " + ACTIVE
            + " and position = any(?::bigint[])";

    private static final String FAILED_TASKS = "select " + ROW + ", occurred_at from event_index where " + ACTIVE + """
             and host_id = ? and event_type = 'ProxmoxTaskFinished' and occurred_at >= ? and occurred_at < ?
             and occurred_month between ? and ? and failed
             order by occurred_at, position
            """;

    private static final String HAS_EVENTS = "select 1 from event_index where " + ACTIVE + """
             and host_id = ? and event_type in ('ProxmoxTaskStarted', 'ProxmoxTaskFinished', 'ApiChangeObserved')
             and occurred_at >= ? and occurred_at < ? and occurred_month between ? and ?
             limit 1
            """;

    /** The most months a time filter is read month by month; a longer span is one scan of the global order. */
    static final int MAX_MONTHS = 120;

    private static final String MONTHS = "select min(occurred_month), max(occurred_month) from event_index where "
            + ACTIVE;

    private static final String HOST_MONTHS = MONTHS + " and host_id = ?";

    private static final String HOST_EVENTS = "select " + ROW + " from event_index where " + ACTIVE + """
             and host_id = ? and event_type = any(?) and event_class = any(?)
             and occurred_at >= ? and occurred_at < ? and occurred_month between ? and ?
             order by occurred_at, position
            """;

    private static final String CURSOR = "select tx_id from event_index where " + ACTIVE + " and position = ?";

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource; writes join the processor's batch transaction. */
    public EventIndexRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Indexes a batch of events of one generation, in the order given. */
    void insert(Connection connection, int generation, List<Row> rows) throws SQLException {
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
            months[i] = monthOf(row.occurredAt()).toString();
            targets[i] = facts.target();
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
            insert.executeUpdate();
        }
    }

    /** Drops every row of a generation. */
    void deleteGeneration(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_GENERATION)) {
            delete.setInt(1, generation);
            delete.executeUpdate();
        }
    }

    /** The transaction id of the indexed event at {@code position}, if it is indexed. */
    public OptionalLong txIdAt(long position) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(CURSOR)) {
            read.setString(1, EventIndexProjection.NAME);
            read.setLong(2, position);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event index failed", e);
        }
    }

    /**
     * The read of up to {@code limit} indexed events that match, after the cursor {@code (afterTxId, afterPosition)}
     * in the gap-safe global order, for {@link changeledger.eventstore.EventStore#readWithEvents}, which reads the
     * events with them (ADR 0030); empty when nothing is indexed in the filter's time range. The index only grows at
     * its end of that order, so a client that pages on never misses an event that is indexed later.
     *
     * <p>A time filter is correlated with the global order (events mostly arrive in time order), so a scan of the
     * order would pass every earlier event before the first match. With {@code from} or {@code to}, the query
     * therefore reads each UTC month of the range in the global order from its own index range, and merges the
     * months (ADR 0014). Only a range open at one end needs a statement here, for the first or last month indexed.
     */
    public Optional<JoinedRead<IndexedEvent>> pageRead(EventIndexFilter filter, long afterTxId, long afterPosition,
                                                       int limit) {
        List<LocalDate> months = List.of();
        if (filter.from() != null || filter.to() != null) {
            Optional<List<LocalDate>> range = months(filter);
            if (range.isEmpty()) {
                return Optional.empty();
            }
            months = range.get();
        }
        List<Object> values = new ArrayList<>();
        String sql = pageStatement(filter, months, afterTxId, afterPosition, limit, values);
        return Optional.of(new PageRead(sql, values));
    }

    /** A page of the index as {@link #pageRead} builds it: its statement and parameters. */
    private record PageRead(String sql, List<Object> values) implements JoinedRead<IndexedEvent> {

        @Override
        public int columns() {
            return ROW_COLUMNS;
        }

        @Override
        public void bind(Connection connection, PreparedStatement statement) throws SQLException {
            EventIndexRepository.bind(connection, statement, values);
        }

        @Override
        public IndexedEvent read(ResultSet row) throws SQLException {
            return indexed(row);
        }

        @Override
        public String toString() {
            return "the event index";
        }
    }

    /** The UTC month an instant falls in, as the index stores it. */
    static LocalDate monthOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    /**
     * The UTC months a time filter spans; an open end is bounded by the first or last month indexed. Empty when
     * nothing is indexed; an empty list when the span is too long to merge month by month (then one scan serves).
     */
    private Optional<List<LocalDate>> months(EventIndexFilter filter) {
        LocalDate first = filter.from() == null ? null : monthOf(filter.from());
        LocalDate last = filter.to() == null ? null : monthOf(filter.to().minusNanos(1));
        if (first == null || last == null) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement read = connection.prepareStatement(filter.host() == null ? MONTHS : HOST_MONTHS)) {
                read.setString(1, EventIndexProjection.NAME);
                if (filter.host() != null) {
                    read.setString(2, filter.host());
                }
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    if (rs.getObject(1) == null) {
                        return Optional.empty();
                    }
                    first = first == null ? rs.getObject(1, LocalDate.class) : first;
                    last = last == null ? rs.getObject(2, LocalDate.class) : last;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the event index failed", e);
            }
        }
        List<LocalDate> months = new ArrayList<>();
        for (LocalDate month = first; !month.isAfter(last) && months.size() <= MAX_MONTHS; month = month.plusMonths(1)) {
            months.add(month);
        }
        if (months.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(months.size() > MAX_MONTHS ? List.of() : months);
    }

    /**
     * The statement of a page, its parameters added to {@code values}: one scan, or with {@code months} one scan a
     * month merged in the global order. Every month's scan has the same text (the month is a parameter), so the
     * text is built once.
     *
     * <p>Statement, parameters and rows are built in separate small methods on purpose: when the page's method built
     * the text month by month and read the rows itself, the JIT's optimising compile of it ran for 3-12 s, held
     * 160-250 MB of native memory and then gave up ("out of nodes"), and the C library kept that memory, so the
     * service's RSS rose by as much for the rest of its life (ADR 0013's budget).
     */
    private static String pageStatement(EventIndexFilter filter, List<LocalDate> months, long afterTxId,
                                        long afterPosition, int limit, List<Object> values) {
        String arm = arm(filter, !months.isEmpty());
        if (months.isEmpty()) {
            armValues(values, filter, null, afterTxId, afterPosition, limit);
            return arm;
        }
        for (LocalDate month : months) {
            armValues(values, filter, month, afterTxId, afterPosition, limit);
        }
        values.add(limit);
        return "select * from ((" + String.join(") union all (", Collections.nCopies(months.size(), arm))
                + ")) by_month order by tx_id, position limit ?";
    }

    /**
     * One scan of the index in the global order: every filter, the cursor, and the month when {@code byMonth}; its
     * parameters, in this order, are those {@link #armValues} adds.
     */
    private static String arm(EventIndexFilter filter, boolean byMonth) {
        StringBuilder sql = new StringBuilder("select ").append(ROW).append(" from event_index where ").append(ACTIVE)
                .append(" and (tx_id, position) > (?, ?)");
        condition(sql, "occurred_month = ?", byMonth);
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

    /** The parameters of one {@link #arm}, in its order; {@code month} null when the scan is not by month. */
    private static void armValues(List<Object> values, EventIndexFilter filter, LocalDate month, long afterTxId,
                                  long afterPosition, int limit) {
        values.add(EventIndexProjection.NAME);
        values.add(afterTxId);
        values.add(afterPosition);
        addIfSet(values, month);
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

    private static void bind(Connection connection, PreparedStatement statement, List<Object> values)
            throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String[] array) {
                statement.setArray(i + 1, connection.createArrayOf("text", array));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** The index rows at these positions (of the active generation), by position; positions not indexed are absent. */
    public Map<Long, IndexedEvent> at(long[] positions) {
        Map<Long, IndexedEvent> rows = new HashMap<>();
        if (positions.length == 0) {
            return rows;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(AT_POSITIONS)) {
            read.setString(1, EventIndexProjection.NAME);
            read.setArray(2, connection.createArrayOf("bigint", Arrays.stream(positions).boxed().toArray()));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    IndexedEvent row = indexed(rs);
                    rows.put(row.position(), row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event index failed", e);
        }
    }

    /**
     * The indexed events of one host with one of {@code types} and one of {@code classes} that occurred in
     * {@code [from, to)}, by occurrence (e.g. the observed changes inside a change request's window).
     */
    public List<IndexedEvent> hostEvents(String hostId, List<String> types, List<String> classes, Instant from,
                                         Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(HOST_EVENTS)) {
            read.setString(1, EventIndexProjection.NAME);
            read.setString(2, hostId);
            read.setArray(3, connection.createArrayOf("text", types.toArray()));
            read.setArray(4, connection.createArrayOf("text", classes.toArray()));
            read.setTimestamp(5, Timestamp.from(from));
            read.setTimestamp(6, Timestamp.from(to));
            read.setObject(7, monthOf(from));
            read.setObject(8, monthOf(to.minusNanos(1)));
            List<IndexedEvent> events = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    events.add(indexed(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event index failed", e);
        }
    }

    /** The host's finished tasks that failed in {@code [from, to)}, in time order, with when they finished. */
    public List<Timed> failedTasks(String hostId, Instant from, Instant to) {
        List<Timed> failed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(FAILED_TASKS)) {
            read.setString(1, EventIndexProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(from));
            read.setTimestamp(4, Timestamp.from(to));
            read.setObject(5, monthOf(from));
            read.setObject(6, monthOf(to.minusNanos(1)));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    failed.add(new Timed(indexed(rs), rs.getTimestamp(9).toInstant()));
                }
            }
            return failed;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event index failed", e);
        }
    }

    /**
     * Whether the host's collectors brought any evidence (a task or an API call) that occurred in {@code [from, to)};
     * registrations, requests and manual entries are not evidence that collection ran.
     */
    public boolean hasCollectedEvents(String hostId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(HAS_EVENTS)) {
            read.setString(1, EventIndexProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(from));
            read.setTimestamp(4, Timestamp.from(to));
            read.setObject(5, monthOf(from));
            read.setObject(6, monthOf(to.minusNanos(1)));
            try (ResultSet rs = read.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the event index failed", e);
        }
    }

    private static IndexedEvent indexed(ResultSet rs) throws SQLException {
        return new IndexedEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8));
    }

    /**
     * An index row and when its event occurred.
     *
     * @param event      the row
     * @param occurredAt when the event occurred
     */
    public record Timed(IndexedEvent event, Instant occurredAt) {
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

    /** One row to index. */
    record Row(long position, long txId, String type, Instant occurredAt, EventFacts facts) {
    }
}
