package changeledger.query;

import changeledger.projection.EventIndexFilter;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One client's live stream: when woken, it reads the next page of matching events after its place in the gap-safe
 * order from the event index, sends them, and reads on once the client has taken them, so it holds at most one page.
 * At most one read or send of a stream runs at a time; a wake-up that comes meanwhile is kept, not lost.
 */
final class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);

    private final EventStreams streams;
    private final String keyId;
    private final EventIndexFilter filter;
    private final SseEventSink sink;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean wakePending;
    private volatile boolean readFailed;
    /** The place after the last event sent, {@code {txId, position}}; only the one running pump touches it. */
    private long[] cursor;

    EventStream(EventStreams streams, String keyId, EventIndexFilter filter, long[] cursor, SseEventSink sink) {
        this.streams = streams;
        this.keyId = keyId;
        this.filter = filter;
        this.cursor = cursor;
        this.sink = sink;
    }

    /** Reads what is new, now or as soon as the running read and send are done. */
    void wake() {
        wakePending = true;
        if (!closed.get() && busy.compareAndSet(false, true)) {
            streams.execute(this::pump);
        }
    }

    /** The id of the API key that opened it. */
    String keyId() {
        return keyId;
    }

    /** Whether its last read failed (it is woken again by the shared check). */
    boolean readFailed() {
        return readFailed;
    }

    /** Sends a comment line; closes the stream when the client has gone. */
    void keepAlive(OutboundSseEvent comment) {
        if (sink.isClosed()) {
            close();
            return;
        }
        send(comment).whenComplete((ignored, failure) -> {
            if (failure != null) {
                close();
            }
        });
    }

    /** Ends the stream and frees its place. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            streams.closed(this);
            try {
                sink.close();
            } catch (RuntimeException e) {
                LOG.debugf("Closing an event stream failed: %s", e.getMessage());
            }
        }
    }

    private void pump() {
        wakePending = false;
        if (closed.get() || sink.isClosed()) {
            close();
            return;
        }
        EventQuery.StreamPage page;
        try {
            page = streams.read(filter, cursor);
            readFailed = false;
        } catch (RuntimeException e) {
            LOG.warnf("An event stream could not read its next page and retries at the next check: %s",
                    e.getMessage());
            readFailed = true;
            idle();
            return;
        }
        if (page.items().isEmpty()) {
            idle();
            return;
        }
        CompletionStage<?> sent = null;
        for (EventView event : page.items()) {
            sent = send(streams.event(event));
        }
        cursor = page.cursor();
        boolean full = page.items().size() >= streams.pageSize();
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                close();
            } else if (full || wakePending) {
                streams.execute(this::pump);
            } else {
                idle();
            }
        });
    }

    /** Nothing to read for now: a wake-up that came while busy starts the next read. */
    private void idle() {
        busy.set(false);
        if (wakePending) {
            wake();
        }
    }

    private CompletionStage<?> send(OutboundSseEvent event) {
        try {
            return sink.send(event);
        } catch (IllegalStateException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }
}
