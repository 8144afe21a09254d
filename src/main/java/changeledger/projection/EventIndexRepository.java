package changeledger.projection;

import changeledger.database.Reads;
import changeledger.eventstore.JoinedRead;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The reads of the event index: pages for the audit query, and the host reads of the reports and change requests. */
@ApplicationScoped
public class EventIndexRepository {

    private static final String WHAT = "the event index";

    /** The generation readers see: the one the processor's token names. */
    static final String ACTIVE = """
            generation = """ + ActiveGeneration.BY_NAME + """

            """;

    private static final String ROW = EventIndexPage.ROW;

    private static final String AT_POSITIONS = "select " + ROW + " from event_index where " + ACTIVE
            + " and position = any(?::bigint[])";

    private static final String FAILED_TASKS = "select " + ROW + ", occurred_at, event_type from event_index where "
            + ACTIVE + """
             and host_id = ? and event_type in ('ProxmoxTaskFinished', 'ProxmoxNotificationReceived')
             and occurred_at >= ? and occurred_at < ?
             and occurred_month between ? and ? and failed
             order by occurred_at, position
            """;

    private static final String HAS_EVENTS = "select 1 from event_index where " + ACTIVE + """
             and host_id = ? and event_type in ('ProxmoxTaskStarted', 'ProxmoxTaskFinished', 'ApiChangeObserved',
                                                'ConfigBaselineRecorded', 'ConfigDriftObserved')
             and occurred_at >= ? and occurred_at < ? and occurred_month between ? and ?
             limit 1
            """;

    /**
     * The first and last UTC day indexed, for a time filter open at one end, and the last indexed event's place in the
     * same snapshot: the page reads no further, so no row indexed after the days were read can be passed unseen.
     */
    private static final String DAYS = "with head as (select tx_id, position from event_index where " + ACTIVE
            + " order by tx_id desc, position desc limit 1)"
            + " select min(occurred_day), max(occurred_day), (select tx_id from head), (select position from head)"
            + " from event_index where " + ACTIVE;

    private static final String HOST_DAYS = DAYS + " and host_id = ?";

    private static final String HOST_EVENTS = "select " + ROW + " from event_index where " + ACTIVE + """
             and host_id = ? and event_type = any(?) and event_class = any(?)
             and occurred_at >= ? and occurred_at < ? and occurred_month between ? and ?
             order by occurred_at, position
            """;

    private static final String HEAD = "select tx_id, position from event_index where " + ACTIVE
            + " order by tx_id desc, position desc limit 1";

    private static final String CURSOR = "select tx_id from event_index where " + ACTIVE + " and position = ?";

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource. */
    public EventIndexRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The place of the last indexed event in the gap-safe order, {@code {txId, position}}; empty when none is. */
    public Optional<long[]> head() {
        return Reads.first(dataSource, HEAD, (connection, read) -> read.setString(1, EventIndexProjection.NAME),
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}, WHAT);
    }

    /** The transaction id of the indexed event at {@code position}, if it is indexed. */
    public OptionalLong txIdAt(long position) {
        return Reads.first(dataSource, CURSOR, (connection, read) -> {
            read.setString(1, EventIndexProjection.NAME);
            read.setLong(2, position);
        }, rs -> rs.getLong(1), WHAT).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /**
     * The read of up to {@code limit} indexed events that match, after the cursor {@code (afterTxId, afterPosition)}
     * in the gap-safe global order, for {@link changeledger.eventstore.EventStore#readWithEvents}, which reads the
     * events with them (ADR 0030); empty when nothing is indexed in the filter's time range. The index only grows at
     * its end of that order, so a client that pages on never misses an event that is indexed later.
     *
     * <p>A time filter is correlated with the global order (events mostly arrive in time order), so a scan of the
     * order would pass every earlier event before the first match. With {@code from} or {@code to}, the query
     * therefore reads each UTC month the range covers, and each UTC day of a month it covers in part, in the global
     * order from its own index range, and merges them (ADR 0014, 0036). Only a range open at one end needs a
     * statement here, for the first or last day indexed; that page reads up to the last event indexed when the days
     * were read, so an event indexed meanwhile, on a day outside them, is on a later page and never passed.
     */
    public Optional<JoinedRead<IndexedEvent>> pageRead(EventIndexFilter filter, long afterTxId, long afterPosition,
                                                       int limit) {
        if (filter.from() == null && filter.to() == null) {
            return Optional.of(EventIndexPage.of(filter, List.of(), null, afterTxId, afterPosition, limit));
        }
        LocalDate first = filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = filter.to() == null ? null : filter.to().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        long[] upTo = null;
        if (first == null || last == null) {
            Optional<Indexed> indexed = indexed(filter.host());
            if (indexed.isEmpty()) {
                return Optional.empty();
            }
            first = first == null ? indexed.get().first() : first;
            last = last == null ? indexed.get().last() : last;
            upTo = indexed.get().head();
        }
        if (first.isAfter(last)) {
            return Optional.empty();
        }
        List<IndexRanges.Range> ranges = IndexRanges.of(first, last, filter.from() == null, filter.to() == null);
        return Optional.of(EventIndexPage.of(filter, ranges, upTo, afterTxId, afterPosition, limit));
    }

    /** The first and last day indexed (of a host, when given) and the last indexed place, {@code {txId, position}}. */
    private record Indexed(LocalDate first, LocalDate last, long[] head) {
    }

    private Optional<Indexed> indexed(String host) {
        return Reads.first(dataSource, host == null ? DAYS : HOST_DAYS, (connection, read) -> {
            read.setString(1, EventIndexProjection.NAME);
            read.setString(2, EventIndexProjection.NAME);
            if (host != null) {
                read.setString(3, host);
            }
        }, rs -> rs.getObject(1) == null ? null : new Indexed(rs.getObject(1, LocalDate.class),
                rs.getObject(2, LocalDate.class), new long[]{rs.getLong(3), rs.getLong(4)}), WHAT);
    }

    /** The UTC month an instant falls in, as the index stores it. */
    static LocalDate monthOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
    }

    /** The index rows at these positions (of the active generation), by position; positions not indexed are absent. */
    public Map<Long, IndexedEvent> at(long[] positions) {
        Map<Long, IndexedEvent> rows = new HashMap<>();
        if (positions.length == 0) {
            return rows;
        }
        for (IndexedEvent row : Reads.list(dataSource, AT_POSITIONS, (connection, read) -> {
            read.setString(1, EventIndexProjection.NAME);
            read.setArray(2, connection.createArrayOf("bigint", Arrays.stream(positions).boxed().toArray()));
        }, EventIndexRepository::indexed, WHAT)) {
            rows.put(row.position(), row);
        }
        return rows;
    }

    /**
     * The indexed events of one host with one of {@code types} and one of {@code classes} that occurred in
     * {@code [from, to)}, by occurrence (e.g. the observed changes inside a change request's window).
     */
    public List<IndexedEvent> hostEvents(String hostId, List<String> types, List<String> classes, Instant from,
                                         Instant to) {
        return Reads.list(dataSource, HOST_EVENTS, (connection, read) -> {
            read.setString(1, EventIndexProjection.NAME);
            read.setString(2, hostId);
            read.setArray(3, connection.createArrayOf("text", types.toArray()));
            read.setArray(4, connection.createArrayOf("text", classes.toArray()));
            read.setTimestamp(5, Timestamp.from(from));
            read.setTimestamp(6, Timestamp.from(to));
            read.setObject(7, monthOf(from));
            read.setObject(8, monthOf(to.minusNanos(1)));
        }, EventIndexRepository::indexed, WHAT);
    }

    /**
     * The host's finished tasks that failed in {@code [from, to)}, and the notifications of failed backups and
     * replications, in time order, with when they finished (were sent).
     */
    public List<Timed> failedTasks(String hostId, Instant from, Instant to) {
        return Reads.list(dataSource, FAILED_TASKS, (connection, read) -> bindHostRange(read, hostId, from, to),
                rs -> new Timed(indexed(rs), rs.getTimestamp(10).toInstant(), rs.getString(11)), WHAT);
    }

    /**
     * Whether the host's collectors brought any evidence (a task, an API call, a configuration snapshot that was new)
     * that occurred in {@code [from, to)};
     * registrations, requests and manual entries are not evidence that collection ran.
     */
    public boolean hasCollectedEvents(String hostId, Instant from, Instant to) {
        return Reads.first(dataSource, HAS_EVENTS, (connection, read) -> bindHostRange(read, hostId, from, to),
                rs -> Boolean.TRUE, WHAT).isPresent();
    }

    /** Binds the generation, the host and {@code [from, to)} with the months it spans, as the host reads take them. */
    private static void bindHostRange(PreparedStatement read, String hostId, Instant from, Instant to)
            throws SQLException {
        read.setString(1, EventIndexProjection.NAME);
        read.setString(2, hostId);
        read.setTimestamp(3, Timestamp.from(from));
        read.setTimestamp(4, Timestamp.from(to));
        read.setObject(5, monthOf(from));
        read.setObject(6, monthOf(to.minusNanos(1)));
    }

    static IndexedEvent indexed(ResultSet rs) throws SQLException {
        return new IndexedEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9));
    }

    /**
     * An index row, when its event occurred and its type.
     *
     * @param event      the row
     * @param occurredAt when the event occurred
     * @param eventType  the event's type
     */
    public record Timed(IndexedEvent event, Instant occurredAt, String eventType) {
    }
}
