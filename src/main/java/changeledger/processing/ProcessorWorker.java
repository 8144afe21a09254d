package changeledger.processing;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.EventReader;
import changeledger.eventstore.GlobalCursor;
import changeledger.processing.ReadAhead.Lane;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one processor on one instance: claims it, then processes batch after batch (and, during a
 * replay, interleaves batches of the generation being built), then sleeps until woken or polled.
 */
final class ProcessorWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(ProcessorWorker.class);

    /** What one batch transaction found. */
    enum Outcome { PROCESSED, CAUGHT_UP, HELD_BACK, NOT_OWNER }

    private final TrackingHandler handler;
    private final EngineSettings settings;
    private final Transactions transactions;
    private final EventReader reader;
    private final TokenRepository tokens;
    private final SharedPages pages;
    private final int batchSize;
    private final ReadAhead readAhead;
    private final WakeSignal signal = new WakeSignal();
    private volatile boolean running = true;
    private volatile boolean releaseOnStop = true;
    private long claimRenewedAt;
    private boolean owner;
    private boolean replayPending;

    ProcessorWorker(TrackingHandler handler, EngineSettings settings, Transactions transactions, EventReader reader,
                    SharedPages pages, TokenRepository tokens) {
        this.handler = handler;
        this.settings = settings;
        this.transactions = transactions;
        this.reader = reader;
        this.tokens = tokens;
        this.pages = pages;
        this.batchSize = batchSize(handler, settings);
        this.readAhead = new ReadAhead(handler.name(), transactions, pages::fetchAfter);
    }

    /** The size of the pages a handler takes: the engine's batch size or less. */
    static int batchSize(TrackingHandler handler, EngineSettings settings) {
        return Math.min(settings.batchSize(), handler.maxBatchSize());
    }

    @Override
    public void run() {
        while (running) {
            Duration wait;
            try {
                wait = cycle();
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                LOG.warnf("Processor %s failed a batch and retries after %s: %s", handler.name(),
                        settings.pollInterval(), e.getMessage());
                LOG.debug("Batch failure", e);
                claimRenewedAt = 0;
                wait = settings.pollInterval();
            }
            if (running && !wait.isZero()) {
                signal.await(wait);
            }
        }
        readAhead.close();
        if (owner && releaseOnStop) {
            release();
        }
        transactions.release();
    }

    void wake() {
        signal.wake();
    }

    void stop(boolean release) {
        releaseOnStop = release;
        running = false;
        signal.wake();
    }

    private Duration cycle() throws Exception {
        if (!claim()) {
            return settings.idleWait();
        }
        Outcome live = transactions.inTransaction(this::liveBatch);
        Outcome replay = replayPending ? transactions.inTransaction(this::replayBatch) : Outcome.CAUGHT_UP;
        if (live == Outcome.NOT_OWNER || replay == Outcome.NOT_OWNER) {
            owner = false;
            claimRenewedAt = 0;
            return settings.idleWait();
        }
        claimRenewedAt = live == Outcome.PROCESSED || replay == Outcome.PROCESSED ? System.nanoTime() : claimRenewedAt;
        if (live == Outcome.PROCESSED || replay == Outcome.PROCESSED) {
            return Duration.ZERO;
        }
        return live == Outcome.HELD_BACK ? settings.heldBackPollInterval() : settings.idleWait();
    }

    private boolean claim() throws Exception {
        if (owner && System.nanoTime() - claimRenewedAt < settings.renewEvery().toNanos()) {
            return true;
        }
        owner = transactions.inTransaction(c -> tokens.claim(c, handler.name(), settings.instanceId(),
                settings.leaseTimeout()));
        if (owner) {
            claimRenewedAt = System.nanoTime();
        }
        return owner;
    }

    private Outcome liveBatch(Connection connection) throws Exception {
        Optional<Token> read = tokens.read(connection, handler.name());
        if (read.isEmpty() || !settings.instanceId().equals(read.get().owner())) {
            return Outcome.NOT_OWNER;
        }
        Token token = read.get();
        replayPending = token.replaying();
        EventPage whole = read(connection, Lane.LIVE, token.cursor());
        EventPage page = whole.isEmpty() ? whole : boundedByDependencies(connection, whole);
        if (page.isEmpty()) {
            return !whole.isEmpty() || reader.hasEventsAfter(connection, token.cursor()) ? Outcome.HELD_BACK
                    : Outcome.CAUGHT_UP;
        }
        handler.handle(new ProcessingBatch(page, connection, token.generation(), false));
        if (!tokens.advance(connection, token, settings.instanceId(), page.last(), settings.leaseTimeout())) {
            throw new ClaimLostException(handler.name());
        }
        return Outcome.PROCESSED;
    }

    /**
     * The part of a live page that every processor the handler depends on has processed (their active cursors, read
     * in this transaction); the whole page when it depends on none, nothing while one has no token yet.
     */
    private EventPage boundedByDependencies(Connection connection, EventPage page) throws Exception {
        GlobalCursor bound = null;
        for (String dependency : handler.dependsOn()) {
            Optional<Token> token = tokens.read(connection, dependency);
            if (token.isEmpty()) {
                return page.upTo(GlobalCursor.START);
            }
            bound = bound == null || token.get().cursor().compareTo(bound) < 0 ? token.get().cursor() : bound;
        }
        return bound == null ? page : page.upTo(bound);
    }

    private Outcome replayBatch(Connection connection) throws Exception {
        Optional<Token> read = tokens.read(connection, handler.name());
        if (read.isEmpty() || !settings.instanceId().equals(read.get().owner())) {
            return Outcome.NOT_OWNER;
        }
        Token token = read.get();
        if (!token.replaying()) {
            return Outcome.CAUGHT_UP;
        }
        EventPage page = read(connection, Lane.REPLAY, token.replayCursor());
        if (page.isEmpty()) {
            handler.switchOver(connection, token.generation(), token.replayGeneration());
            if (!tokens.switchOver(connection, token, settings.instanceId())) {
                throw new ClaimLostException(handler.name());
            }
            LOG.infof("Processor %s switched over to generation %d at position %d", handler.name(),
                    token.replayGeneration(), token.replayCursor().position());
            return Outcome.CAUGHT_UP;
        }
        handler.handle(new ProcessingBatch(page, connection, token.replayGeneration(), true));
        if (!tokens.advanceReplay(connection, token, settings.instanceId(), page.last(), settings.leaseTimeout())) {
            throw new ClaimLostException(handler.name());
        }
        return Outcome.PROCESSED;
    }

    private void release() {
        try {
            transactions.inTransaction(c -> {
                tokens.release(c, handler.name(), settings.instanceId());
                return null;
            });
        } catch (Exception e) {
            LOG.warnf("Processor %s could not release its claim (it expires by itself): %s", handler.name(),
                    e.getMessage());
        }
    }

    /**
     * The batch after {@code cursor}: the page read ahead for it if there is one with events, else read now in the
     * batch transaction (an empty page read ahead may be stale, and "nothing to read" decides a switch-over). A full
     * page means more events are waiting, so the next page is read ahead while this one is handled (ADR 0012). Both
     * reads take a page another processor of the same page size has read after the same cursor (ADR 0029).
     */
    private EventPage read(Connection connection, Lane lane, GlobalCursor cursor) throws Exception {
        Optional<EventPage> ahead = readAhead.take(lane, cursor).filter(page -> !page.isEmpty());
        EventPage page = ahead.isPresent() ? ahead.get() : pages.fetchAfter(connection, cursor, batchSize);
        if (page.size() >= batchSize) {
            readAhead.start(lane, page.last(), batchSize);
        }
        return page;
    }
}
