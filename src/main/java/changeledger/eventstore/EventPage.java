package changeledger.eventstore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A page of the global order as read from the table: the rows are in memory, their JSON is parsed (and the
 * events upcast) only by {@link #events()}, on the thread that calls it. A tracking processor reads the next page
 * on one thread while it decodes and handles the current one on another (ADR 0012).
 */
public final class EventPage {

    private final List<EventRow> rows;
    private final Function<EventRow, StoredEvent> decoder;

    EventPage(List<EventRow> rows, Function<EventRow, StoredEvent> decoder) {
        this.rows = rows;
        this.decoder = decoder;
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

    /** The events' global positions in order, without parsing anything. */
    public List<Long> positions() {
        List<Long> positions = new ArrayList<>(rows.size());
        for (EventRow row : rows) {
            positions.add(row.position());
        }
        return Collections.unmodifiableList(positions);
    }

    /** The same rows, each decoded event passed through {@code then} as well (the reader's upcasters). */
    EventPage then(Function<StoredEvent, StoredEvent> then) {
        return new EventPage(rows, decoder.andThen(then));
    }

    /** The events in global order, parsed and upcast; every call decodes anew. */
    public List<StoredEvent> events() {
        List<StoredEvent> events = new ArrayList<>(rows.size());
        for (EventRow row : rows) {
            events.add(decoder.apply(row));
        }
        return Collections.unmodifiableList(events);
    }
}
