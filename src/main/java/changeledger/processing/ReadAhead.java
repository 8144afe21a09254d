package changeledger.processing;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.GlobalCursor;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads a processor's next page while the worker handles the current one (ADR 0012): one thread with its own
 * connection and short read-only transactions, one pending page per lane (the live cursor and the replay cursor).
 *
 * <p>A page read ahead is a plain {@code fetchAfter} from a cursor: final below its own safe head, so it is the
 * same page the worker would have read, or an earlier end of it. The worker takes it only when its token still
 * stands at exactly that cursor, and its fenced token update rejects the batch if another instance moved the
 * token in between. A page that is not taken is dropped; a failed read ahead falls back to a read in the batch.
 */
final class ReadAhead {

    private static final Logger LOG = Logger.getLogger(ReadAhead.class);

    /** The cursors a worker follows. */
    enum Lane { LIVE, REPLAY }

    private final String name;
    private final Transactions transactions;
    private final SharedPages.PageSource reader;
    private final Map<Lane, Pending> pending = new EnumMap<>(Lane.class);
    private ExecutorService executor;

    ReadAhead(String name, Transactions transactions, SharedPages.PageSource reader) {
        this.name = name;
        this.transactions = transactions;
        this.reader = reader;
    }

    /** Starts reading up to {@code limit} events after {@code after} for {@code lane}, replacing a pending read. */
    void start(Lane lane, GlobalCursor after, int limit) {
        drop(lane);
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(work -> {
                Thread thread = new Thread(work, "processor-" + name + "-read-ahead");
                thread.setDaemon(true);
                return thread;
            });
        }
        pending.put(lane, new Pending(after, executor.submit(() -> transactions.inTransaction(c ->
                reader.fetchAfter(c, after, limit)))));
    }

    /**
     * The page read ahead for {@code lane} if it starts after exactly {@code cursor} (waiting for it if the read is
     * still running); empty when there is none, it starts elsewhere or it failed.
     */
    Optional<EventPage> take(Lane lane, GlobalCursor cursor) throws InterruptedException {
        Pending read = pending.remove(lane);
        if (read == null) {
            return Optional.empty();
        }
        if (!read.after().equals(cursor)) {
            read.page().cancel(false);
            return Optional.empty();
        }
        try {
            return Optional.of(read.page().get());
        } catch (ExecutionException e) {
            LOG.debugf(e.getCause(), "Processor %s reads in the batch: its read ahead failed", name);
            return Optional.empty();
        }
    }

    /** Stops the thread after the running read and closes its connection. */
    void close() {
        if (executor == null) {
            return;
        }
        for (Lane lane : Lane.values()) {
            drop(lane);
        }
        executor.submit(transactions::release);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    private void drop(Lane lane) {
        Pending read = pending.remove(lane);
        if (read != null) {
            read.page().cancel(false);
        }
    }

    private record Pending(GlobalCursor after, Future<EventPage> page) {
    }
}
