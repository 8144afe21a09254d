package changeledger.processing;

import changeledger.eventstore.Backlog;
import changeledger.eventstore.EventReader;
import changeledger.eventstore.GlobalCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs tracking processors: one worker thread per handler, one listener thread for wake-ups.
 * Plain Java on a DataSource and a {@link Transactions} runner, so it runs inside Quarkus
 * ({@link ProcessingRuntime}) as well as in tests and the benchmark harness.
 */
public final class ProcessorEngine {

    private static final String OLDEST_OPEN_TRANSACTION = """
            select coalesce(extract(epoch from clock_timestamp() - min(xact_start)), 0)
              from pg_stat_activity
             where backend_xid is not null and pid <> pg_backend_pid()
            """;

    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Transactions transactions;
    private final EventReader reader;
    private final EngineSettings settings;
    private final Map<String, TrackingHandler> handlers = new LinkedHashMap<>();
    private final Map<String, ProcessorWorker> workers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final TokenRepository tokens = new TokenRepository();
    private NotificationListener listener;
    private volatile long lagCountLimit = DEFAULT_LAG_COUNT_LIMIT;

    /** How far the lag is counted unless {@link #countLagUpTo} says otherwise: past the default readiness bound. */
    public static final long DEFAULT_LAG_COUNT_LIMIT = 100_001;

    /**
     * Creates an engine.
     *
     * @param dataSource   for the notification connection
     * @param transactions for batches, claims and replay requests
     * @param reader       reads the store on a batch's connection
     * @param handlers     one per processor; names must be unique
     * @param settings     how to run
     */
    public ProcessorEngine(DataSource dataSource, Transactions transactions, EventReader reader,
                           List<? extends TrackingHandler> handlers, EngineSettings settings) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.reader = reader;
        this.settings = settings;
        for (TrackingHandler handler : handlers) {
            if (this.handlers.putIfAbsent(handler.name(), handler) != null) {
                throw new IllegalStateException("Two tracking handlers are named " + handler.name());
            }
        }
    }

    /** Creates the token rows and starts the workers and the listener. */
    public synchronized void start() {
        call("create processor tokens", c -> {
            for (String name : handlers.keySet()) {
                tokens.ensure(c, name);
            }
            return null;
        });
        Map<Integer, Integer> readersBySize = new HashMap<>();
        for (TrackingHandler handler : handlers.values()) {
            readersBySize.merge(ProcessorWorker.batchSize(handler, settings), 1, Integer::sum);
        }
        SharedPages pages = new SharedPages(reader::fetchAfter, readersBySize);
        for (TrackingHandler handler : handlers.values()) {
            ProcessorWorker worker = new ProcessorWorker(handler, settings, transactions, reader, pages, tokens);
            workers.put(handler.name(), worker);
            threads.add(thread("processor-" + handler.name(), worker));
        }
        if (settings.listen()) {
            listener = new NotificationListener(dataSource, this::wakeAll, min(settings.pollInterval(), RECONNECT_DELAY));
            threads.add(thread("processor-listener", listener));
        }
    }

    /** Stops every worker after its current batch and releases its claims. */
    public void stop() {
        stop(true);
    }

    /** Stops like a crashed instance: claims stay until their lease runs out (for tests). */
    void stopWithoutReleasing() {
        stop(false);
    }

    /** Wakes every worker to look for new events now. */
    public void wakeAll() {
        workers.values().forEach(ProcessorWorker::wake);
    }

    /** This instance's name in claims. */
    public String instanceId() {
        return settings.instanceId();
    }

    /** The names of the processors this engine runs. */
    public List<String> names() {
        return List.copyOf(handlers.keySet());
    }

    /**
     * Starts rebuilding a processor's output from the first event into its next generation; readers
     * keep seeing the current generation until the replay has caught up.
     *
     * @return the generation being built
     * @throws UnknownProcessorException   when no processor has that name
     * @throws ReplayNotPossibleException when it cannot replay or is replaying already
     */
    public int requestReplay(String name) {
        TrackingHandler handler = handlers.get(name);
        if (handler == null) {
            throw new UnknownProcessorException(name, handlers.keySet());
        }
        if (!handler.replayable()) {
            throw new ReplayNotPossibleException("Processor " + name + " writes append-only output and cannot "
                    + "be replayed.");
        }
        int generation = call("request a replay of " + name, c -> {
            tokens.ensure(c, name);
            Optional<Integer> building = tokens.requestReplay(c, name);
            if (building.isEmpty()) {
                throw new ReplayNotPossibleException("Processor " + name + " is replaying already; wait until it "
                        + "has switched over (GET /api/v1/admin/processors shows replaying=false).");
            }
            handler.prepareReplay(c, building.get());
            return building.get();
        });
        Optional.ofNullable(workers.get(name)).ifPresent(ProcessorWorker::wake);
        return generation;
    }

    /**
     * Counts each processor's lag up to this many events; past it the status says "at least" (ADR 0043). The cost
     * of a status read grows with this limit, not with the table.
     */
    public void countLagUpTo(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the lag count limit must be 1 or more");
        }
        lagCountLimit = limit;
    }

    /** Position, lag (counted up to a limit) and owner of every processor this engine knows. */
    public List<ProcessorStatus> statuses() {
        return call("read processor status", c -> {
            Instant now = databaseNow(c);
            Map<String, Token> byName = new LinkedHashMap<>();
            tokens.readAll(c).forEach(t -> byName.put(t.name(), t));
            List<ProcessorStatus> statuses = new ArrayList<>();
            for (String name : handlers.keySet()) {
                Token token = byName.get(name);
                if (token == null) {
                    Backlog backlog = reader.backlog(c, GlobalCursor.START, lagCountLimit);
                    statuses.add(new ProcessorStatus(name, 0, 1, backlog.events(), backlog.atLeast(), 0, null, false,
                            null));
                    continue;
                }
                Backlog backlog = reader.backlog(c, token.cursor(), lagCountLimit);
                boolean claimed = token.owner() != null && token.leaseUntil() != null && token.leaseUntil().isAfter(now);
                statuses.add(new ProcessorStatus(name, token.cursor().position(), token.generation(), backlog.events(),
                        backlog.atLeast(), backlog.age(now).toMillis() / 1000.0, claimed ? token.owner() : null, token.replaying(),
                        token.replaying() ? token.replayCursor().position() : null));
            }
            return statuses;
        });
    }

    /** How long the oldest open transaction that holds back the safe head has been running. */
    public Duration oldestOpenTransaction() {
        return call("read open transactions", c -> {
            try (PreparedStatement read = c.prepareStatement(OLDEST_OPEN_TRANSACTION);
                 ResultSet rs = read.executeQuery()) {
                rs.next();
                return Duration.ofMillis(Math.round(rs.getDouble(1) * 1000));
            }
        });
    }

    private synchronized void stop(boolean release) {
        workers.values().forEach(w -> w.stop(release));
        if (listener != null) {
            listener.stop();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        workers.clear();
    }

    private static Instant databaseNow(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("select clock_timestamp()");
             ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    private <T> T call(String operation, Transactions.Work<T> work) {
        try {
            return transactions.inTransaction(work);
        } catch (RuntimeException e) {
            throw unwrap(operation, e);
        } catch (Exception e) {
            throw new ProcessingException(operation, e);
        } finally {
            transactions.release();
        }
    }

    private static RuntimeException unwrap(String operation, RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof UnknownProcessorException || cause instanceof ReplayNotPossibleException) {
                return (RuntimeException) cause;
            }
            cause = cause.getCause();
        }
        return e instanceof ProcessingException ? e : new ProcessingException(operation, e);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static Thread thread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
