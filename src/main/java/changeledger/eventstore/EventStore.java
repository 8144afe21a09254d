package changeledger.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event store as the service uses it: appends join the caller's transaction, reads upcast
 * every event to the newest revision its upcasters know.
 */
@ApplicationScoped
public class EventStore {

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
     * Appends to several streams in one statement, in the caller's transaction; see {@link #append}.
     * Streams are written in one global order (type, id), so concurrent appends that touch the same
     * new events wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AppendResult appendAll(List<AppendRequest> requests, EventMetadata metadata) {
        List<AppendRequest> ordered = requests.stream()
                .sorted(Comparator.comparing((AppendRequest r) -> r.aggregate().type())
                        .thenComparing(r -> r.aggregate().id()))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            return repository.append(connection, ordered, metadata);
        } catch (SQLException e) {
            throw new EventStoreException("append", e);
        }
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
