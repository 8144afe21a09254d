package changeledger.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.postgresql.util.PSQLException;

/**
 * All SQL of the event store, on a plain JDBC connection in the caller's transaction.
 *
 * <p>Usable without CDI (the benchmark harness and the offline verifier use it directly).
 * Nothing else in the service touches the event table.
 */
public final class EventRepository {

    /** The columns every read selects, in the order {@link #row} reads them by index. */
    private static final String COLUMNS = columns("");

    /** {@link #COLUMNS} of the event joined to a reader's rows ({@link #readWithEvents}). */
    private static final String JOINED_COLUMNS = columns("e.");

    private static final String INSERT_COLUMNS = """
            insert into domain_event (event_id, aggregate_type, aggregate_id, sequence_number, event_type, revision,
                                      payload, metadata, occurred_at)
            """;

    private static final String EVENTS = """
            unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::int[], ?::text[], ?::text[])
                   with ordinality as x(event_id, aggregate_type, aggregate_id, sequence_number, event_type, revision,
                                        payload, occurred_at, ord)
            """;

    private static final String EVENT_VALUES = """
            select x.event_id, x.aggregate_type, x.aggregate_id, x.sequence_number, x.event_type, x.revision,
                   x.payload::jsonb, ?::jsonb, x.occurred_at::timestamptz
            """;

    /** Only new streams: nothing to check; rows come back as (null, event_id, position). */
    private static final String INSERT = "with inserted as (" + INSERT_COLUMNS + EVENT_VALUES + " from " + EVENTS
            + """
             order by x.ord
            on conflict (event_id) do nothing
            returning event_id, position)
            select null::bigint, event_id, position from inserted
            """;

    /**
     * The expected-sequence check and the insert in one statement: the insert happens only when every
     * checked stream has an event at its expected sequence; otherwise nothing is inserted and the
     * ordinals of the failing requests come back as (ordinal, null, null). The probe is a lateral
     * {@code limit 1} so that it stays an index lookup even in a plan made while the table was small.
     */
    private static final String CHECKED_INSERT = """
            with missing as materialized (
                select c.ord
                  from unnest(?::text[], ?::text[], ?::bigint[]) with ordinality as c(t, i, s, ord)
                  left join lateral (select true as found from domain_event e
                                      where e.aggregate_type = c.t and e.aggregate_id = c.i
                                        and e.sequence_number = c.s
                                      limit 1) f on true
                 where f.found is null
            ), inserted as (""" + INSERT_COLUMNS + EVENT_VALUES + " from " + EVENTS + """
                 where not exists (select 1 from missing)
                 order by x.ord
                on conflict (event_id) do nothing
                returning event_id, position)
            select null::bigint, event_id, position from inserted
            union all
            select ord, null, null from missing
            """;

    /**
     * One event to one stream, with scalar parameters: the check and the insert in one statement that plans
     * in a fraction of the array form's time. Answers one row: whether the stream is at the expected
     * sequence (a new stream always is) and the new position, null when nothing was inserted.
     */
    private static final String INSERT_ONE = """
            with checked as (
                select r.t, r.i, r.s, r.s < 0 or exists (select 1 from domain_event e
                                                         where e.aggregate_type = r.t and e.aggregate_id = r.i
                                                           and e.sequence_number = r.s) as ok
                  from (values (?::text, ?::text, ?::bigint)) as r(t, i, s)
            ), inserted as (""" + INSERT_COLUMNS + """
                select ?::uuid, c.t, c.i, c.s + 1, ?::text, ?::int, ?::jsonb, ?::jsonb, ?::timestamptz
                  from checked c where c.ok
                on conflict (event_id) do nothing
                returning position)
            select c.ok, i.position from checked c left join inserted i on true
            """;

    private static final String FIND_EXISTING = """
            select e.event_id, e.aggregate_type, e.aggregate_id, e.event_type, e.payload = x.payload::jsonb
              from unnest(?::uuid[], ?::text[]) as x(event_id, payload)
              join domain_event e on e.event_id = x.event_id
            """;

    private static final String READ_STREAM = "select " + COLUMNS + """
              from domain_event
             where aggregate_type = ? and aggregate_id = ?
             order by sequence_number
            """;

    private static final String READ_STREAMS = "select " + COLUMNS + """
              from domain_event e
              join unnest(?::text[], ?::text[]) as x(t, i) on e.aggregate_type = x.t and e.aggregate_id = x.i
             order by e.aggregate_type, e.aggregate_id, e.sequence_number
            """;

    private static final String LAST_SEQUENCE = """
            select max(sequence_number) from domain_event where aggregate_type = ? and aggregate_id = ?
            """;

    private static final String READ_AFTER = "select " + COLUMNS + """
              from domain_event
             where (tx_id, position) > (?::text::xid8, ?)
               and tx_id < pg_snapshot_xmin(pg_current_snapshot())
             order by tx_id, position
             limit ?
            """;

    static final String SAFE_HEAD = """
            select tx_id::text::bigint, position
              from domain_event
             where tx_id < pg_snapshot_xmin(pg_current_snapshot())
             order by tx_id desc, position desc
             limit 1
            """;

    /**
     * One chunk of a backlog count: at most {@code limit} events after a cursor, as an ordered range of the
     * {@code (tx_id, position)} index, with the oldest recording time and the cursor of the last of them. The
     * limit stays far below any estimate of the rows after a cursor, so the ordered index range is the cheapest plan
     * with or without statistics; a count without it was planned as a scan of the whole table (ADR 0043).
     */
    static final String BACKLOG_CHUNK = """
            select count(*), min(recorded_at),
                   (array_agg(tx order by tx desc, position desc))[1],
                   (array_agg(position order by tx desc, position desc))[1]
              from (select tx_id::text::bigint as tx, position, recorded_at
                      from domain_event
                     where (tx_id, position) > (?::text::xid8, ?)
                     order by tx_id, position
                     limit ?) chunk
            """;

    /** Events per {@link #BACKLOG_CHUNK}: one statement counts the lag at the head, 100 count 100,000 behind. */
    static final int BACKLOG_CHUNK_EVENTS = 1_000;

    /**
     * Every idle processor asks this every poll interval. The order and limit keep it an index probe in a generic
     * plan too: as {@code exists (...)} the generic plan was a sequential scan that stops at the first row, which
     * at the head finds none and reads the whole table.
     */
    static final String HAS_EVENTS_AFTER = """
            select 1 from domain_event where (tx_id, position) > (?::text::xid8, ?) order by tx_id, position limit 1
            """;

    private static final String READ_POSITIONS = "select " + COLUMNS + """
              from domain_event
             where position = any (?::bigint[])
             order by tx_id, position
            """;

    private static final String SEQUENCE_CONSTRAINT = "domain_event_aggregate_sequence_key";

    private final ObjectMapper mapper;

    /** Creates the repository with the mapper that reads and writes payloads. */
    public EventRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Appends to one or more streams in one statement, in the caller's transaction.
     *
     * @throws ConcurrencyConflictException when a stream is not at its expected sequence
     * @throws EventIdConflictException     when an event id is stored with other content
     */
    public AppendResult append(Connection connection, List<AppendRequest> requests, EventMetadata metadata)
            throws SQLException {
        List<AppendRequest> existing = requests.stream()
                .filter(r -> r.expectedSequence() != AppendRequest.NEW_STREAM).toList();
        int size = requests.stream().mapToInt(r -> r.events().size()).sum();
        UUID[] ids = new UUID[size];
        String[] types = new String[size];
        String[] aggregateIds = new String[size];
        Long[] sequences = new Long[size];
        String[] eventTypes = new String[size];
        Integer[] revisions = new Integer[size];
        String[] payloads = new String[size];
        String[] occurred = new String[size];
        Map<UUID, Integer> indexById = new LinkedHashMap<>();
        int i = 0;
        for (AppendRequest request : requests) {
            long sequence = request.expectedSequence();
            for (NewEvent event : request.events()) {
                ids[i] = event.id();
                types[i] = request.aggregate().type();
                aggregateIds[i] = request.aggregate().id();
                sequences[i] = ++sequence;
                eventTypes[i] = event.type();
                revisions[i] = event.revision();
                payloads[i] = json(event.payload());
                occurred[i] = event.occurredAt().toString();
                indexById.putIfAbsent(event.id(), i);
                i++;
            }
        }
        Map<UUID, Long> inserted = size == 1 && requests.size() == 1
                ? insertOne(connection, requests.get(0), metadata, payloads[0])
                : insertMany(connection, requests, existing, metadata, ids, types, aggregateIds, sequences, eventTypes,
                        revisions, payloads, occurred);
        List<AppendResult.Appended> appended = new ArrayList<>(inserted.size());
        List<Integer> skipped = new ArrayList<>();
        for (Map.Entry<UUID, Integer> entry : indexById.entrySet()) {
            int at = entry.getValue();
            Long position = inserted.get(entry.getKey());
            if (position == null) {
                skipped.add(at);
            } else {
                appended.add(new AppendResult.Appended(ids[at], new AggregateRef(types[at], aggregateIds[at]),
                        sequences[at], position));
            }
        }
        List<UUID> duplicates = skipped.isEmpty() ? List.of()
                : confirmDuplicates(connection, skipped, ids, types, aggregateIds, eventTypes, payloads);
        return new AppendResult(List.copyOf(appended), duplicates);
    }

    private Map<UUID, Long> insertMany(Connection connection, List<AppendRequest> requests,
                                       List<AppendRequest> existing, EventMetadata metadata, UUID[] ids, String[] types,
                                       String[] aggregateIds, Long[] sequences, String[] eventTypes,
                                       Integer[] revisions, String[] payloads, String[] occurred) throws SQLException {
        Map<UUID, Long> inserted = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(existing.isEmpty() ? INSERT : CHECKED_INSERT)) {
            int p = 1;
            if (!existing.isEmpty()) {
                insert.setArray(p++, connection.createArrayOf("text",
                        existing.stream().map(r -> r.aggregate().type()).toArray()));
                insert.setArray(p++, connection.createArrayOf("text",
                        existing.stream().map(r -> r.aggregate().id()).toArray()));
                insert.setArray(p++, connection.createArrayOf("bigint",
                        existing.stream().map(AppendRequest::expectedSequence).toArray()));
            }
            insert.setString(p++, json(metadata));
            insert.setArray(p++, connection.createArrayOf("uuid", ids));
            insert.setArray(p++, connection.createArrayOf("text", types));
            insert.setArray(p++, connection.createArrayOf("text", aggregateIds));
            insert.setArray(p++, connection.createArrayOf("bigint", sequences));
            insert.setArray(p++, connection.createArrayOf("text", eventTypes));
            insert.setArray(p++, connection.createArrayOf("int4", revisions));
            insert.setArray(p++, connection.createArrayOf("text", payloads));
            insert.setArray(p, connection.createArrayOf("text", occurred));
            AppendRequest missing = null;
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    long ordinal = rs.getLong(1);
                    if (rs.wasNull()) {
                        inserted.put(rs.getObject(2, UUID.class), rs.getLong(3));
                    } else if (missing == null || ordinal - 1 < existing.indexOf(missing)) {
                        missing = existing.get((int) ordinal - 1);
                    }
                }
            }
            if (missing != null) {
                throw new ConcurrencyConflictException(missing.aggregate(), missing.expectedSequence(),
                        "the stream has no event at that sequence");
            }
        } catch (PSQLException e) {
            throw translateSequenceConflict(e, requests);
        }
        return inserted;
    }

    private Map<UUID, Long> insertOne(Connection connection, AppendRequest request, EventMetadata metadata,
                                      String payload) throws SQLException {
        NewEvent event = request.events().get(0);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ONE)) {
            insert.setString(1, request.aggregate().type());
            insert.setString(2, request.aggregate().id());
            insert.setLong(3, request.expectedSequence());
            insert.setObject(4, event.id());
            insert.setString(5, event.type());
            insert.setInt(6, event.revision());
            insert.setString(7, payload);
            insert.setString(8, json(metadata));
            insert.setString(9, event.occurredAt().toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new ConcurrencyConflictException(request.aggregate(), request.expectedSequence(),
                            "the stream has no event at that sequence");
                }
                long position = rs.getLong(2);
                return rs.wasNull() ? Map.of() : Map.of(event.id(), position);
            }
        } catch (PSQLException e) {
            throw translateSequenceConflict(e, List.of(request));
        }
    }

    private RuntimeException translateSequenceConflict(PSQLException e, List<AppendRequest> requests) {
        if ("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState())) {
            return new StoreContentionException(e);
        }
        var server = e.getServerErrorMessage();
        if (!"23505".equals(e.getSQLState()) || server == null || !SEQUENCE_CONSTRAINT.equals(server.getConstraint())) {
            return new IllegalStateException("Appending events failed: " + e.getMessage(), e);
        }
        String detail = server.getDetail() == null ? "" : server.getDetail();
        AppendRequest culprit = requests.stream()
                .filter(r -> detail.contains("(" + r.aggregate().type() + ", " + r.aggregate().id() + ","))
                .findFirst().orElse(requests.get(0));
        return new ConcurrencyConflictException(culprit.aggregate(), culprit.expectedSequence(),
                "another writer stored that sequence first");
    }

    private List<UUID> confirmDuplicates(Connection connection, List<Integer> skipped, UUID[] ids, String[] types,
                                         String[] aggregateIds, String[] eventTypes, String[] payloads)
            throws SQLException {
        Map<UUID, Integer> byId = new HashMap<>();
        skipped.forEach(at -> byId.put(ids[at], at));
        List<UUID> confirmed = new ArrayList<>(skipped.size());
        try (PreparedStatement find = connection.prepareStatement(FIND_EXISTING)) {
            find.setArray(1, connection.createArrayOf("uuid", skipped.stream().map(at -> ids[at]).toArray()));
            find.setArray(2, connection.createArrayOf("text", skipped.stream().map(at -> payloads[at]).toArray()));
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    int at = byId.get(id);
                    if (!types[at].equals(rs.getString(2)) || !aggregateIds[at].equals(rs.getString(3))) {
                        throw new EventIdConflictException(id, "it belongs to stream " + rs.getString(2) + ":"
                                + rs.getString(3));
                    }
                    if (!eventTypes[at].equals(rs.getString(4))) {
                        throw new EventIdConflictException(id, "it is stored as a " + rs.getString(4));
                    }
                    if (!rs.getBoolean(5)) {
                        throw new EventIdConflictException(id, "the stored payload differs");
                    }
                    confirmed.add(id);
                }
            }
        }
        if (confirmed.size() != skipped.size()) {
            throw new IllegalStateException("An event id conflicted but no stored event has it");
        }
        return List.copyOf(confirmed);
    }

    /** The events of one stream in sequence order, as stored (not upcast). */
    public List<StoredEvent> readStream(Connection connection, AggregateRef aggregate) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ_STREAM)) {
            read.setString(1, aggregate.type());
            read.setString(2, aggregate.id());
            return readAll(read);
        }
    }

    /**
     * The events of many streams in one query, each stream in sequence order, as stored (not upcast).
     * Streams without events are absent from the map.
     */
    public Map<AggregateRef, List<StoredEvent>> readStreams(Connection connection, Collection<AggregateRef> aggregates)
            throws SQLException {
        List<AggregateRef> distinct = List.copyOf(new LinkedHashSet<>(aggregates));
        Map<AggregateRef, List<StoredEvent>> streams = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return streams;
        }
        try (PreparedStatement read = connection.prepareStatement(READ_STREAMS)) {
            read.setArray(1, connection.createArrayOf("text", distinct.stream().map(AggregateRef::type).toArray()));
            read.setArray(2, connection.createArrayOf("text", distinct.stream().map(AggregateRef::id).toArray()));
            for (StoredEvent event : readAll(read)) {
                streams.computeIfAbsent(event.aggregate(), a -> new ArrayList<>()).add(event);
            }
        }
        return streams;
    }

    /** The last sequence number of a stream, or {@link AppendRequest#NEW_STREAM} when it has none. */
    public long lastSequence(Connection connection, AggregateRef aggregate) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(LAST_SEQUENCE)) {
            read.setString(1, aggregate.type());
            read.setString(2, aggregate.id());
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                long last = rs.getLong(1);
                return rs.wasNull() ? AppendRequest.NEW_STREAM : last;
            }
        }
    }

    /**
     * Up to {@code limit} events after {@code after} in global order, never past the safe head:
     * every event returned is final, and no event can later appear before the last one returned.
     */
    public List<StoredEvent> readAfter(Connection connection, GlobalCursor after, int limit) throws SQLException {
        return fetchAfter(connection, after, limit).events();
    }

    /**
     * The same page as {@link #readAfter}, with the JSON still unparsed: {@link EventPage#events()} parses it
     * later, on whichever thread needs the events.
     */
    public EventPage fetchAfter(Connection connection, GlobalCursor after, int limit) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ_AFTER)) {
            read.setString(1, Long.toString(after.txId()));
            read.setLong(2, after.position());
            read.setInt(3, limit);
            return pageOf(rows(read));
        }
    }

    /**
     * The events at the given positions, in global order, with the JSON still unparsed; a position that holds no
     * event is skipped. Meant for positions a reader has already seen below the safe head (an index's rows).
     */
    public EventPage fetchPositions(Connection connection, long[] positions) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ_POSITIONS)) {
            Long[] boxed = new Long[positions.length];
            for (int i = 0; i < positions.length; i++) {
                boxed[i] = positions[i];
            }
            read.setArray(1, connection.createArrayOf("bigint", boxed));
            return pageOf(rows(read));
        }
    }

    /** The cursor of the last event below the safe head, if any. */
    public Optional<GlobalCursor> safeHead(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(SAFE_HEAD); ResultSet rs = read.executeQuery()) {
            return rs.next() ? Optional.of(new GlobalCursor(rs.getLong(1), rs.getLong(2))) : Optional.empty();
        }
    }

    /**
     * The committed events after {@code after}, including those still above the safe head: how many, counted up to
     * {@code limit} ({@link Backlog#atLeast} past it), and when the oldest of them was recorded (null when there is
     * none). Counts in chunks of {@link #BACKLOG_CHUNK_EVENTS}, so its cost grows with the lag up to the limit, never
     * with the table.
     */
    public Backlog backlog(Connection connection, GlobalCursor after, long limit) throws SQLException {
        long counted = 0;
        Instant oldest = null;
        GlobalCursor from = after;
        try (PreparedStatement read = connection.prepareStatement(BACKLOG_CHUNK)) {
            // never a server-side prepared statement: PostgreSQL plans an unnamed one for the values it is given
            read.unwrap(PGStatement.class).setPrepareThreshold(0);
            while (counted <= limit) {
                int chunk = (int) Math.min(BACKLOG_CHUNK_EVENTS, limit + 1 - counted);
                read.setString(1, Long.toString(from.txId()));
                read.setLong(2, from.position());
                read.setInt(3, chunk);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    OffsetDateTime first = rs.getObject(2, OffsetDateTime.class);
                    if (first != null && (oldest == null || first.toInstant().isBefore(oldest))) {
                        oldest = first.toInstant();
                    }
                    counted += n;
                    if (n < chunk) {
                        break;
                    }
                    from = new GlobalCursor(rs.getLong(3), rs.getLong(4));
                }
            }
        }
        return new Backlog(Math.min(counted, limit), counted > limit, oldest);
    }

    /** Whether any committed event follows {@code after}, even one above the safe head. */
    public boolean hasEventsAfter(Connection connection, GlobalCursor after) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(HAS_EVENTS_AFTER)) {
            read.setString(1, Long.toString(after.txId()));
            read.setLong(2, after.position());
            try (ResultSet rs = read.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The events at the given positions as stored (not upcast), in global order; missing ones are absent. */
    public List<StoredEvent> readPositions(Connection connection, List<Long> positions) throws SQLException {
        return fetchPositions(connection, positions.stream().mapToLong(Long::longValue).toArray()).events();
    }

    private List<StoredEvent> readAll(PreparedStatement statement) throws SQLException {
        return pageOf(rows(statement)).events();
    }

    /**
     * The rows of {@code read} with the event at each row's position, in one statement and in the global order.
     *
     * @throws IllegalStateException when a row names a position that holds no event
     */
    public <T> List<JoinedRead.WithEvent<T>> readWithEvents(Connection connection, JoinedRead<T> read)
            throws SQLException {
        String sql = "select p.*, " + JOINED_COLUMNS + " from (" + read.sql() + ") p"
                + " left join domain_event e on e.position = p.position order by p.tx_id, p.position";
        List<JoinedRead.WithEvent<T>> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            read.bind(connection, statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    T row = read.read(rs);
                    rs.getLong(read.columns() + 1);
                    if (rs.wasNull()) {
                        throw new IllegalStateException("A row of " + read + " names an event the store does not"
                                + " hold: " + row);
                    }
                    rows.add(new JoinedRead.WithEvent<>(row, row(rs, read.columns())));
                }
            }
        }
        return rows;
    }

    /** {@link #COLUMNS} of the event table under another name ({@code "e."}), in the same order. */
    private static String columns(String table) {
        return String.join(", ", table + "position", table + "event_id", table + "aggregate_type",
                table + "aggregate_id", table + "sequence_number", table + "event_type", table + "revision",
                table + "payload::text as payload", table + "metadata::text as metadata", table + "occurred_at",
                table + "recorded_at", table + "tx_id::text::bigint as tx");
    }

    /** The rows of a query that selects {@link #COLUMNS}, read by column index in that order. */
    private static List<EventRow> rows(PreparedStatement statement) throws SQLException {
        List<EventRow> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs, 0));
            }
        }
        return rows;
    }

    /** The event of the current result row, from the {@link #COLUMNS} after the first {@code skip} columns. */
    private static EventRow row(ResultSet rs, int skip) throws SQLException {
        return new EventRow(rs.getLong(skip + 1), rs.getObject(skip + 2, UUID.class),
                new AggregateRef(rs.getString(skip + 3), rs.getString(skip + 4)), rs.getLong(skip + 5),
                rs.getString(skip + 6), rs.getInt(skip + 7), rs.getBytes(skip + 8), rs.getBytes(skip + 9),
                rs.getObject(skip + 10, OffsetDateTime.class).toInstant(),
                rs.getObject(skip + 11, OffsetDateTime.class).toInstant(), rs.getLong(skip + 12));
    }

    /** A page of these rows, decoded by this repository's mapper. */
    EventPage pageOf(List<EventRow> rows) {
        return new EventPage(rows, this::parse);
    }

    private StoredEvent decode(EventRow row) {
        return row.decoded(parse(row.payload(), row), parse(row.metadata(), row));
    }

    private JsonNode parse(byte[] json, EventRow row) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Stored JSON of event at position " + row.position() + " is unreadable",
                    e);
        }
    }

    /** The row with its payload upcast by {@code upcasters} and serialised again. */
    EventRow upcastRow(EventRow row, UpcasterChain upcasters) {
        StoredEvent upcast = upcasters.upcast(decode(row));
        try {
            return row.withPayload(upcast.revision(), mapper.writeValueAsBytes(upcast.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the upcast payload of event at position "
                    + row.position(), e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

}
