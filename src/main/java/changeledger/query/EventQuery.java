package changeledger.query;

import changeledger.domain.ProblemException;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.JoinedRead;
import changeledger.projection.EventIndexFilter;
import changeledger.projection.EventIndexRepository;
import changeledger.projection.IndexedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers audit queries: finds matching positions in the event index, in the gap-safe global order, and reads
 * those events from the store in the same statement (ADR 0030).
 */
@ApplicationScoped
public class EventQuery {

    /** The page size of exports: small enough to keep memory flat, large enough to keep round trips few. */
    static final int EXPORT_PAGE = 1_000;

    private final EventIndexRepository index;
    private final EventStore store;

    /** Wires the query. */
    public EventQuery(EventIndexRepository index, EventStore store) {
        this.index = index;
        this.store = store;
    }

    /** One page of what a client reads. */
    public record Page(List<EventView> items, Long next) {
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

    /** Every matching event after {@code cursor} (from {@link #cursor}), page by page; returns how many. */
    public long export(EventIndexFilter filter, long[] cursor, Sink sink) throws IOException {
        long count = 0;
        while (true) {
            List<JoinedRead.WithEvent<IndexedEvent>> rows = read(filter, cursor, EXPORT_PAGE);
            for (EventView view : views(rows)) {
                sink.accept(view);
                count++;
            }
            sink.endOfPage();
            if (rows.size() < EXPORT_PAGE) {
                return count;
            }
            IndexedEvent last = rows.get(rows.size() - 1).row();
            cursor = new long[]{last.txId(), last.position()};
        }
    }

    /**
     * The place in the global order after position {@code after}: {@code {txId, position}}. Call it before a response
     * starts: 400 when {@code after} is not an indexed position.
     */
    public long[] cursor(long after) {
        if (after == 0) {
            return new long[]{0, 0};
        }
        long txId = index.txIdAt(after).orElseThrow(() -> ProblemException.badRequest("'after' is " + after
                + ", which is not the position of an event this service has indexed: pass the 'next' value of the "
                + "previous page, or leave 'after' out to start at the beginning."));
        return new long[]{txId, after};
    }

    /** Up to {@code limit} matching index rows after {@code cursor}, each with its event, in one statement. */
    private List<JoinedRead.WithEvent<IndexedEvent>> read(EventIndexFilter filter, long[] cursor, int limit) {
        Optional<JoinedRead<IndexedEvent>> read = index.pageRead(filter, cursor[0], cursor[1], limit);
        return read.isEmpty() ? List.of() : store.readWithEvents(read.get());
    }

    private static List<EventView> views(List<JoinedRead.WithEvent<IndexedEvent>> rows) {
        List<EventView> views = new ArrayList<>(rows.size());
        for (JoinedRead.WithEvent<IndexedEvent> row : rows) {
            views.add(EventView.of(row.event(), row.row()));
        }
        return views;
    }
}
