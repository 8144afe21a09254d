package changeledger.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store as the service uses it: appends join the caller's transaction, reads upcast
 * every event to the newest revision its upcasters know.
 */
@ApplicationScoped
public class EventStore {

    /** The most events one append statement carries: bounds the statement's arrays, not the transaction. */
    public static final int EVENTS_PER_STATEMENT = 2_000;

    private final AgroalDataSource dataSource;
    private final EventRepository repository;
    private final UpcasterChain upcasters;

    /** Wires the store to the default datasource. */
    public EventStore(AgroalDataSource dataSource, ObjectMapper mapper, Instance<Upcaster> upcasters) {
        this.dataSource = dataSource;
        this.repository = new EventRepository(mapper);
        this.upcasters = new UpcasterChain(upcasters.stream().toList());
    }

    /**
     * Appends events to one stream in the caller's transaction.
     *
     * @throws ConcurrencyConflictException when the stream is not at {@code request.expectedSequence()}
     * @throws EventIdConflictException     when an event id is already stored with other content
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AppendResult append(AppendRequest request, EventMetadata metadata) {
        return appendAll(List.of(request), metadata);
    }

    /**
     * Appends to several streams in the caller's transaction; see {@link #append}. Streams are written in
     * one global order (type, id), so concurrent appends that touch the same new events wait for each
     * other instead of deadlocking. The events go in statements of at most {@link #EVENTS_PER_STATEMENT}
     * (a stream's events may be split between two), so a large append never builds one statement of
     * every event; a conflict in any of them aborts the caller's transaction as one statement would.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AppendResult appendAll(List<AppendRequest> requests, EventMetadata metadata) {
        List<AppendRequest> ordered = requests.stream()
                .sorted(Comparator.comparing((AppendRequest r) -> r.aggregate().type())
                        .thenComparing(r -> r.aggregate().id()))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            List<AppendResult.Appended> appended = new ArrayList<>();
            List<UUID> duplicates = new ArrayList<>();
            for (List<AppendRequest> statement : statements(ordered, EVENTS_PER_STATEMENT)) {
                AppendResult result = repository.append(connection, statement, metadata);
                appended.addAll(result.appended());
                duplicates.addAll(result.duplicates());
            }
            return new AppendResult(appended, duplicates);
        } catch (SQLException e) {
            throw new EventStoreException("append", e);
        }
    }

    /**
     * Cuts ordered requests into statements of at most {@code maxEvents} events, keeping their order. A
     * request that does not fit is split: its later part expects the sequence its earlier part ends at,
     * which the earlier statement has written in the same transaction.
     */
    static List<List<AppendRequest>> statements(List<AppendRequest> ordered, int maxEvents) {
        List<List<AppendRequest>> statements = new ArrayList<>();
        List<AppendRequest> current = new ArrayList<>();
        int room = maxEvents;
        for (AppendRequest request : ordered) {
            List<NewEvent> events = request.events();
            long expected = request.expectedSequence();
            int from = 0;
            while (from < events.size()) {
                int take = Math.min(room, events.size() - from);
                current.add(from == 0 && take == events.size() ? request
                        : new AppendRequest(request.aggregate(), expected, events.subList(from, from + take)));
                expected += take;
                from += take;
                room -= take;
                if (room == 0) {
                    statements.add(current);
                    current = new ArrayList<>();
                    room = maxEvents;
                }
            }
        }
        if (!current.isEmpty() || statements.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    /** The events of one stream, in sequence order, upcast. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredEvent> readStream(AggregateRef aggregate) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.readStream(connection, aggregate).stream().map(upcasters::upcast).toList();
        } catch (SQLException e) {
            throw new EventStoreException("read stream " + aggregate, e);
        }
    }

    /**
     * The events of many streams in one query, upcast; each stream in sequence order.
     * Streams without events are absent from the map.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<AggregateRef, List<StoredEvent>> readStreams(Collection<AggregateRef> aggregates) {
        try (Connection connection = dataSource.getConnection()) {
            Map<AggregateRef, List<StoredEvent>> streams = repository.readStreams(connection, aggregates);
            streams.replaceAll((aggregate, events) -> events.stream().map(upcasters::upcast).toList());
            return streams;
        } catch (SQLException e) {
            throw new EventStoreException("read " + aggregates.size() + " streams", e);
        }
    }

    /** The last sequence number of a stream, or {@link AppendRequest#NEW_STREAM}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long lastSequence(AggregateRef aggregate) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.lastSequence(connection, aggregate);
        } catch (SQLException e) {
            throw new EventStoreException("read stream " + aggregate, e);
        }
    }

    /** Up to {@code limit} events after {@code after} in the gap-safe global order, upcast. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredEvent> readAfter(GlobalCursor after, int limit) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.readAfter(connection, after, limit).stream().map(upcasters::upcast).toList();
        } catch (SQLException e) {
            throw new EventStoreException("read after " + after, e);
        }
    }

    /**
     * The events at the given positions, upcast, in global order; positions that hold no event are skipped.
     * For readers that found the positions in an index of events below the safe head.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<StoredEvent> readPositions(long[] positions) {
        if (positions.length == 0) {
            return List.of();
        }
        return pageAt(positions).events().stream().map(upcasters::upcast).toList();
    }

    /**
     * The rows of a reader's statement, each with the event at its position, in one statement and in global order
     * (ADR 0030). The events' JSON stays text: a row whose revision has an upcaster carries the upcast payload and
     * revision, as {@link #readPositions} would; the others are as PostgreSQL sent them, parsed by nobody. For
     * readers that find events in an index of their own and pass the JSON on unchanged.
     *
     * @throws IllegalStateException when a row names a position that holds no event
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <T> List<JoinedRead.WithEvent<T>> readWithEvents(JoinedRead<T> read) {
        List<JoinedRead.WithEvent<T>> rows;
        try (Connection connection = dataSource.getConnection()) {
            rows = repository.readWithEvents(connection, read);
        } catch (SQLException e) {
            throw new EventStoreException("read the events of " + read, e);
        }
        List<JoinedRead.WithEvent<T>> current = new ArrayList<>(rows.size());
        for (JoinedRead.WithEvent<T> row : rows) {
            EventRow event = row.event();
            current.add(upcasters.upcasts(event.type(), event.revision())
                    ? new JoinedRead.WithEvent<>(row.row(), repository.upcastRow(event, upcasters)) : row);
        }
        return current;
    }

    private EventPage pageAt(long[] positions) {
        try (Connection connection = dataSource.getConnection()) {
            return repository.fetchPositions(connection, positions);
        } catch (SQLException e) {
            throw new EventStoreException("read " + positions.length + " events by position", e);
        }
    }

    /** The cursor of the last event below the safe head, if the store has any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GlobalCursor> safeHead() {
        try (Connection connection = dataSource.getConnection()) {
            return repository.safeHead(connection);
        } catch (SQLException e) {
            throw new EventStoreException("read the safe head", e);
        }
    }

    /** Applies the upcaster chain to an event read elsewhere. */
    public StoredEvent upcast(StoredEvent event) {
        return upcasters.upcast(event);
    }
}
