package changeledger.processing;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.GlobalCursor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Pages of the global order shared by the processors of one engine that read pages of the same size (ADR 0029).
 *
 * <p>Processors that have caught up stand at the same cursor, and new events wake them together: each would read
 * and parse the same page. Here the first to ask for the page after a cursor reads it, on its own connection and in
 * its own transaction; the others that ask for the same cursor and size while that read runs or after it wait for it
 * and take the same page, whose events are parsed once ({@link EventPage}). A page is final below the safe head it
 * was read at (ADR 0004), so a page read by another processor's transaction is the page this one would have read,
 * or an earlier end of it, exactly as a page read ahead (ADR 0012). An empty page is never shared (events may have
 * become visible since), nor a failed read: whoever gets one reads for itself.
 *
 * <p>An entry leaves when every processor of its size has taken it, when it has waited {@link #MAX_AGE_NANOS} for
 * the others (they are not in step: replaying, lagging, or running on another instance), or when more than
 * {@link #CAPACITY} are kept, the oldest first. A processor out of step thus costs the memory of a few pages for a
 * few seconds; its pages may push out those of the processors in step, which then read for themselves.
 */
final class SharedPages {

    /** Entries kept at most: a current and a read-ahead page for the processors in step, and a lagging one's. */
    static final int CAPACITY = 4;

    /**
     * How long an entry waits for the rest of its readers. Processors in step take a page within milliseconds of
     * each other; idle processors still ask for the page after their cursor every poll, which expires old entries.
     */
    static final long MAX_AGE_NANOS = 5_000_000_000L;

    private final PageSource source;
    private final Map<Integer, Integer> readersBySize;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * @param source        reads a page on the caller's connection
     * @param readersBySize how many processors read pages of each size; sizes read by one only are never kept
     */
    SharedPages(PageSource source, Map<Integer, Integer> readersBySize) {
        this(source, readersBySize, System::nanoTime);
    }

    /** As above, with the clock that ages entries (for tests). */
    SharedPages(PageSource source, Map<Integer, Integer> readersBySize, LongSupplier nanoTime) {
        this.source = source;
        this.readersBySize = Map.copyOf(readersBySize);
        this.nanoTime = nanoTime;
    }

    /** Up to {@code limit} events after {@code after}: the shared page when there is one, else read now. */
    EventPage fetchAfter(Connection connection, GlobalCursor after, int limit) throws SQLException {
        int readers = readersBySize.getOrDefault(limit, 0);
        if (readers < 2) {
            return source.fetchAfter(connection, after, limit);
        }
        Key key = new Key(after, limit);
        Entry entry;
        boolean reads;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            evict(now, CAPACITY);
            entry = entries.get(key);
            reads = entry == null;
            if (reads) {
                evict(now, CAPACITY - 1);
                entry = new Entry(readers, now);
                entries.put(key, entry);
            }
        }
        if (reads) {
            return read(connection, key, entry);
        }
        EventPage shared = entry.await();
        if (shared == null || shared.isEmpty()) {
            return source.fetchAfter(connection, after, limit);
        }
        taken(key, entry);
        return shared;
    }

    /** How many pages are kept now (for tests). */
    synchronized int size() {
        return entries.size();
    }

    private EventPage read(Connection connection, Key key, Entry entry) throws SQLException {
        EventPage page = null;
        try {
            page = source.fetchAfter(connection, key.after(), key.limit());
            return page;
        } finally {
            entry.page.complete(page);
            if (page == null || page.isEmpty()) {
                remove(key, entry);
            } else {
                taken(key, entry);
            }
        }
    }

    private synchronized void taken(Key key, Entry entry) {
        if (++entry.takes >= entry.readers) {
            entries.remove(key, entry);
        }
    }

    private synchronized void remove(Key key, Entry entry) {
        entries.remove(key, entry);
    }

    /**
     * Drops the oldest entries (insertion order is age order) while more than {@code keep} are kept or the oldest has
     * waited too long for its other readers.
     */
    private void evict(long now, int keep) {
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            if (entries.size() <= keep && now - entry.createdAt <= MAX_AGE_NANOS) {
                return;
            }
            oldest.remove();
        }
    }

    /** Reads a page of the global order on the caller's connection. */
    @FunctionalInterface
    interface PageSource {
        EventPage fetchAfter(Connection connection, GlobalCursor after, int limit) throws SQLException;
    }

    private record Key(GlobalCursor after, int limit) {
    }

    /** A page being read or read, and how many of its readers have taken it. */
    private static final class Entry {

        private final int readers;
        private final long createdAt;
        private final CompletableFuture<EventPage> page = new CompletableFuture<>();
        private int takes;

        Entry(int readers, long createdAt) {
            this.readers = readers;
            this.createdAt = createdAt;
        }

        /** The page, or null when its read failed. */
        EventPage await() {
            try {
                return page.get();
            } catch (ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
