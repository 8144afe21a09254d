package changeledger.eventstore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A page of the global order as read from the table: the rows are in memory, their JSON is parsed (and the
 * events upcast) only by {@link #events()}, on the thread that calls it. A tracking processor reads the next page
 * on one thread while it decodes and handles the current one on another (ADR 0012).
 */
public final class EventPage {

    private final List<EventRow> rows;
    private final Function<EventRow, StoredEvent> decoder;
    private final UnaryOperator<StoredEvent> upcast;

    EventPage(List<EventRow> rows, Function<EventRow, StoredEvent> decoder) {
        this(rows, decoder, UnaryOperator.identity());
    }

    private EventPage(List<EventRow> rows, Function<EventRow, StoredEvent> decoder, UnaryOperator<StoredEvent> upcast) {
        this.rows = rows;
        this.decoder = decoder;
        this.upcast = upcast;
    }

    /** Whether the page holds no event. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** How many events the page holds. */
    public int size() {
        return rows.size();
    }

    /** The cursor of the page's last event; the next page starts after it. */
    public GlobalCursor last() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("An empty page has no last event");
        }
        return rows.get(rows.size() - 1).cursor();
    }

    /**
     * The rows as read, JSON unparsed and never upcast: for readers that need only an event's position, stream,
     * type or times, which upcasting never changes.
     */
    public List<EventRow> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The same rows, upcast by {@code upcaster} when {@link #events()} decodes them (the reader's upcasters). */
    EventPage upcastBy(UnaryOperator<StoredEvent> upcaster) {
        return new EventPage(rows, decoder, upcaster);
    }

    /** The events in global order, parsed and upcast; every call decodes anew. */
    public List<StoredEvent> events() {
        return decode(decoder.andThen(upcast));
    }

    /** The events in global order as stored (parsed, never upcast), e.g. for hashing; every call decodes anew. */
    public List<StoredEvent> storedEvents() {
        return decode(decoder);
    }

    private List<StoredEvent> decode(Function<EventRow, StoredEvent> decode) {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (EventRow row : rows) {
            events.add(decode.apply(row));
        }
        return Collections.unmodifiableList(events);
    }
}
