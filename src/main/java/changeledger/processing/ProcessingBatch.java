package changeledger.processing;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.EventRow;
import changeledger.eventstore.StoredEvent;
import java.sql.Connection;
import java.util.List;

/**
 * One batch for a handler. Its events are parsed when {@link #events()} or {@link #storedEvents()} is first called,
 * once for every processor that shares the page (ADR 0029); a handler that needs only rows parses nothing.
 */
public final class ProcessingBatch {

    private final EventPage page;
    private final Connection connection;
    private final int generation;
    private final boolean replay;
    private List<StoredEvent> events;

    /**
     * @param page       the events as read, in gap-safe global order
     * @param connection the batch transaction's connection
     * @param generation the generation the batch belongs to
     * @param replay     whether this batch rebuilds a generation readers do not see yet
     */
    ProcessingBatch(EventPage page, Connection connection, int generation, boolean replay) {
        this.page = page;
        this.connection = connection;
        this.generation = generation;
        this.replay = replay;
    }

    /** The events, in gap-safe global order, upcast; parsed on the first call. */
    public List<StoredEvent> events() {
        if (events == null) {
            events = page.events();
        }
        return events;
    }

    /**
     * The rows of the batch with their JSON unparsed (and not upcast): enough for a handler that needs only
     * positions, streams and types, which then parses nothing.
     */
    public List<EventRow> rows() {
        return page.rows();
    }

    /** The same events as stored, never upcast (what the seal chain hashes). */
    public List<StoredEvent> storedEvents() {
        return page.storedEvents();
    }

    /** The batch transaction's connection; do not commit, roll back or close it. */
    public Connection connection() {
        return connection;
    }

    /** The generation the batch belongs to: the active one, or the one a replay builds. */
    public int generation() {
        return generation;
    }

    /** Whether this batch rebuilds a generation readers do not see yet. */
    public boolean replay() {
        return replay;
    }
}
