package changeledger.query;

import changeledger.domain.ProblemException;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.JoinedRead;
import changeledger.projection.EventIndexFilter;
import changeledger.projection.EventIndexRepository;
import changeledger.projection.GuestHistory;
import changeledger.projection.Guests;
import changeledger.projection.IndexedEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Answers audit queries: finds matching positions in the event index, in the gap-safe global order, and reads
 * those events from the store in the same statement (ADR 0030).
 */
@ApplicationScoped
public class EventQuery {

    /** The page size of exports: small enough to keep memory flat, large enough to keep round trips few. */
    static final int EXPORT_PAGE = 1_000;

    /** The smallest export page, for events so large that {@link #EXPORT_PAGE_CHARS} holds fewer. */
    static final int MIN_EXPORT_PAGE = 50;

    /**
     * The JSON text an export page aims to hold: a stalled client holds one page in memory, so pages of large
     * events get fewer of them.
     */
    static final long EXPORT_PAGE_CHARS = 512 * 1024;

    private final EventIndexRepository index;
    private final EventStore store;
    private final Guests guests;

    /** Wires the query. */
    public EventQuery(EventIndexRepository index, EventStore store, Guests guests) {
        this.index = index;
        this.store = store;
        this.guests = guests;
    }

    /**
     * One page of what a client reads.
     *
     * @param items the events, in the gap-safe global order
     * @param next  the {@code after} of the next page (the last item's position); absent on the last page
     */
    @Schema(name = "EventPage")
    public record Page(List<EventView> items, @JsonInclude(JsonInclude.Include.NON_NULL) Long next) {
    }

    /** Receives exported events one at a time, and the end of each page. */
    public interface Sink {

        /** One event. */
        void accept(EventView event) throws IOException;

        /** A page is complete: a good moment to flush. */
        void endOfPage() throws IOException;
    }

    /**
     * Up to {@code limit} matching events after position {@code after} (0: from the start); {@code next} is set
     * when more may follow.
     */
    public Page page(EventIndexFilter filter, long after, int limit) {
        long[] cursor = cursor(after);
        List<JoinedRead.WithEvent<IndexedEvent>> rows = read(filter, cursor, limit + 1);
        boolean more = rows.size() > limit;
        List<EventView> items = views(more ? rows.subList(0, limit) : rows);
        return new Page(items, more ? items.get(items.size() - 1).position() : null);
    }

    /**
     * Every matching event after {@code cursor} (from {@link #cursor}), page by page; returns how many. The next
     * page is read once the sink has taken the last one ({@link Sink#endOfPage} returned); each event is let go as
     * soon as it is handed on, and pages of large events are smaller ({@link #EXPORT_PAGE_CHARS}).
     */
    public long export(EventIndexFilter filter, long[] cursor, Sink sink) throws IOException {
        long count = 0;
        int pageSize = EXPORT_PAGE;
        while (true) {
            List<JoinedRead.WithEvent<IndexedEvent>> rows = new ArrayList<>(read(filter, cursor, pageSize));
            int read = rows.size();
            IndexedEvent last = read == 0 ? null : rows.get(read - 1).row();
            long chars = 0;
            GuestHistory names = guestsOf(rows);
            for (int i = 0; i < read; i++) {
                JoinedRead.WithEvent<IndexedEvent> row = rows.set(i, null);
                chars += row.event().payloadJson().length() + row.event().metadataJson().length();
                sink.accept(EventView.of(row.event(), row.row(), names));
                count++;
            }
            sink.endOfPage();
            if (read < pageSize) {
                return count;
            }
            cursor = new long[]{last.txId(), last.position()};
            pageSize = (int) Math.max(MIN_EXPORT_PAGE, Math.min(EXPORT_PAGE, EXPORT_PAGE_CHARS * read / (chars + 1)));
        }
    }

    /**
     * The place in the global order after position {@code after}: {@code {txId, position}}. Call it before a response
     * starts: 400 when {@code after} is not an indexed position.
     */
    public long[] cursor(long after) {
        return cursor("after", after);
    }

    /** {@link #cursor(long)} for a position given as {@code name} (e.g. {@code Last-Event-ID}). */
    public long[] cursor(String name, long after) {
        if (after == 0) {
            return new long[]{0, 0};
        }
        long txId = index.txIdAt(after).orElseThrow(() -> ProblemException.badRequest("'" + name + "' is " + after
                + ", which is not the position of an event this service has indexed: pass the 'next' value of the "
                + "previous page (or the id of the last event received), or 0 to start at the beginning."));
        return new long[]{txId, after};
    }

    /**
     * A page of a live stream: up to {@code limit} matching events after {@code cursor}, in the gap-safe order, and
     * the place after the last of them ({@code cursor} when there is none).
     */
    public StreamPage streamPage(EventIndexFilter filter, long[] cursor, int limit) {
        List<JoinedRead.WithEvent<IndexedEvent>> rows = read(filter, cursor, limit);
        if (rows.isEmpty()) {
            return new StreamPage(List.of(), cursor);
        }
        IndexedEvent last = rows.get(rows.size() - 1).row();
        return new StreamPage(views(rows), new long[]{last.txId(), last.position()});
    }

    /** Events of a live stream and the place after them, {@code {txId, position}}. */
    public record StreamPage(List<EventView> items, long[] cursor) {
    }

    /** The place after the last indexed event, {@code {txId, position}}: where a stream of new events starts. */
    public long[] head() {
        return index.head().orElse(new long[]{0, 0});
    }

    /** Up to {@code limit} matching index rows after {@code cursor}, each with its event, in one statement. */
    private List<JoinedRead.WithEvent<IndexedEvent>> read(EventIndexFilter filter, long[] cursor, int limit) {
        Optional<JoinedRead<IndexedEvent>> read = index.pageRead(filter, cursor[0], cursor[1], limit);
        return read.isEmpty() ? List.of() : store.readWithEvents(read.get());
    }

    private List<EventView> views(List<JoinedRead.WithEvent<IndexedEvent>> rows) {
        GuestHistory names = guestsOf(rows);
        List<EventView> views = new ArrayList<>(rows.size());
        for (JoinedRead.WithEvent<IndexedEvent> row : rows) {
            views.add(EventView.of(row.event(), row.row(), names));
        }
        return views;
    }

    /** The guests of the hosts whose rows name a guest: one read a page. */
    private GuestHistory guestsOf(List<JoinedRead.WithEvent<IndexedEvent>> rows) {
        return guests.named(rows.stream().map(row -> new String[]{row.row().hostId(), row.row().guest()}).toList());
    }
}
