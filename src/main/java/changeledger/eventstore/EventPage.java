package changeledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A page of the global order as read from the table: the rows are in memory, their JSON is parsed (and the
 * events upcast) only by {@link #events()}, on the thread that first calls it. A tracking processor reads the next
 * page on one thread while it decodes and handles the current one on another (ADR 0012), and processors that read
 * pages of the same size share them (ADR 0029): the first call decodes, later calls on any thread reuse the events.
 *
 * <p>The events of one append share their metadata, so a run of rows with the same metadata text is decoded to
 * one metadata node (ADR 0028): like every node of a stored event it is read, never changed.
 */
public final class EventPage {

    private final List<EventRow> rows;
    private final Decoded decoded;
    private final UnaryOperator<StoredEvent> upcast;

    EventPage(List<EventRow> rows, JsonText json) {
        this(rows, new Decoded(rows, json), null);
    }

    private EventPage(List<EventRow> rows, Decoded decoded, UnaryOperator<StoredEvent> upcast) {
        this.rows = rows;
        this.decoded = decoded;
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

    /**
     * The page's events up to {@code bound} (inclusive) in the global order: a prefix, as the page is in that order;
     * the page itself when all of it lies there.
     */
    public EventPage upTo(GlobalCursor bound) {
        int kept = 0;
        while (kept < rows.size() && rows.get(kept).cursor().compareTo(bound) <= 0) {
            kept++;
        }
        if (kept == rows.size()) {
            return this;
        }
        List<EventRow> prefix = List.copyOf(rows.subList(0, kept));
        return new EventPage(prefix, new Decoded(prefix, decoded.json), upcast);
    }

    /** The same rows, upcast by {@code upcaster} when {@link #events()} decodes them (the reader's upcasters). */
    EventPage upcastBy(UnaryOperator<StoredEvent> upcaster) {
        return new EventPage(rows, decoded, upcaster);
    }

    /** The events in global order, parsed and upcast; parsed on the first call of this or {@link #storedEvents}. */
    public List<StoredEvent> events() {
        List<StoredEvent> stored = decoded.events();
        if (upcast == null) {
            return stored;
        }
        List<StoredEvent> events = new ArrayList<>(stored.size());
        for (StoredEvent event : stored) {
            events.add(upcast.apply(event));
        }
        return Collections.unmodifiableList(events);
    }

    /** The events in global order as stored (parsed, never upcast), e.g. for hashing; parsed once. */
    public List<StoredEvent> storedEvents() {
        return decoded.events();
    }

    /** The rows' events as stored, decoded once by whichever thread asks first; nodes are shared, never changed. */
    private static final class Decoded {

        private final List<EventRow> rows;
        private final JsonText json;
        private List<StoredEvent> events;

        Decoded(List<EventRow> rows, JsonText json) {
            this.rows = rows;
            this.json = json;
        }

        synchronized List<StoredEvent> events() {
            if (events == null) {
                events = decode();
            }
            return events;
        }

        private List<StoredEvent> decode() {
            List<StoredEvent> decoded = new ArrayList<>(rows.size());
            byte[] metadataText = null;
            JsonNode metadata = null;
            for (EventRow row : rows) {
                if (metadataText == null || !Arrays.equals(metadataText, row.metadata())) {
                    metadataText = row.metadata();
                    metadata = json.parse(metadataText, row);
                }
                decoded.add(row.decoded(json.parse(row.payload(), row), metadata));
            }
            return Collections.unmodifiableList(decoded);
        }
    }

    /** Parses stored JSON text; {@code row} names the event in the error when it is unreadable. */
    @FunctionalInterface
    interface JsonText {
        JsonNode parse(byte[] text, EventRow row);
    }
}
