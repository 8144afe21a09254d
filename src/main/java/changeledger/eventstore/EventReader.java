package changeledger.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads the global order on the caller's connection and transaction, upcasting every event.
 *
 * <p>For readers that keep their own transaction, such as tracking processors, which must store
 * their token in the transaction that read the events. Usable without CDI. The read must come
 * before the transaction's first write (ADR 0004).
 */
public final class EventReader {

    private final EventRepository repository;
    private final UpcasterChain upcasters;

    /** Creates a reader with the mapper for payloads and the upcasters to apply. */
    public EventReader(ObjectMapper mapper, List<Upcaster> upcasters) {
        this.repository = new EventRepository(mapper);
        this.upcasters = new UpcasterChain(upcasters);
    }

    /** Up to {@code limit} events after {@code after} in gap-safe global order, never past the safe head. */
    public List<StoredEvent> readAfter(Connection connection, GlobalCursor after, int limit) throws SQLException {
        return fetchAfter(connection, after, limit).events();
    }

    /**
     * The same page with the JSON unparsed until {@link EventPage#events()}, which also upcasts: the read can
     * happen on one thread and the parsing on another. Needs no transaction of its own (ADR 0012).
     */
    public EventPage fetchAfter(Connection connection, GlobalCursor after, int limit) throws SQLException {
        return repository.fetchAfter(connection, after, limit).upcastBy(upcasters::upcast);
    }

    /** Whether a committed event follows {@code after}, even one still held back above the safe head. */
    public boolean hasEventsAfter(Connection connection, GlobalCursor after) throws SQLException {
        return repository.hasEventsAfter(connection, after);
    }

    /** What a reader at {@code after} has still to read, counted up to {@code limit} events. */
    public Backlog backlog(Connection connection, GlobalCursor after, long limit) throws SQLException {
        return repository.backlog(connection, after, limit);
    }

    /** The cursor of the last event below the safe head, if any. */
    public Optional<GlobalCursor> safeHead(Connection connection) throws SQLException {
        return repository.safeHead(connection);
    }
}
