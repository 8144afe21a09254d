package changeledger.query;

import changeledger.projection.EventIndexAdvanced;
import changeledger.projection.EventIndexFilter;
import changeledger.security.ActiveKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The live streams of this instance. They share one signal: each batch of the event index wakes every stream after
 * it commits, and one check of the index's head (for batches another instance wrote) runs for all of them; a stream
 * reads only when woken. A few threads read for all streams, one timer sends the keep-alive comments and ends the
 * streams of keys revoked since they opened.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);

    private final StreamConfig config;
    private final EventQuery query;
    private final ActiveKeys keys;
    private final ObjectWriter writer;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger places = new AtomicInteger();
    private final ExecutorService readers;
    private final ScheduledExecutorService timer;
    private volatile long[] head = new long[]{-1, -1};
    private volatile Sse sse;

    /** Wires the streams and starts the shared timers. */
    public EventStreams(StreamConfig config, EventQuery query, ActiveKeys keys, ObjectMapper mapper) {
        this.config = config;
        this.query = query;
        this.keys = keys;
        this.writer = mapper.writerFor(EventView.class);
        this.readers = Executors.newFixedThreadPool(config.readThreads(), daemon("event-stream-read"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("event-stream-timer"));
        long keepAlive = config.keepAlive().toMillis();
        timer.scheduleAtFixedRate(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        long check = config.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::check, check, check, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream after {@code cursor} on {@code sink}: a comment line first (the response starts), then every
     * matching event as it is indexed. 503 when this instance already serves {@link StreamConfig#maxStreams()}.
     */
    void open(String keyId, EventIndexFilter filter, long[] cursor, SseEventSink sink, Sse events) {
        if (places.incrementAndGet() > config.maxStreams()) {
            places.decrementAndGet();
            throw new TooManyStreamsException(config.maxStreams(), config.retryAfterSeconds());
        }
        this.sse = events;
        EventStream stream = new EventStream(this, keyId, filter, cursor, sink);
        open.add(stream);
        try {
            sink.send(events.newEventBuilder().comment("stream open").build());
        } catch (IllegalStateException e) {
            stream.close();
            return;
        }
        stream.wake();
    }

    /** How many streams are open. */
    public int openStreams() {
        return open.size();
    }

    /** After an index batch commits: every stream reads on. */
    void indexAdvanced(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventIndexAdvanced advanced) {
        head = new long[]{advanced.txId(), advanced.position()};
        open.forEach(EventStream::wake);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        List.copyOf(open).forEach(EventStream::close);
        readers.shutdownNow();
    }

    EventQuery.StreamPage read(EventIndexFilter filter, long[] cursor) {
        return query.streamPage(filter, cursor, config.pageSize());
    }

    int pageSize() {
        return config.pageSize();
    }

    OutboundSseEvent event(EventView view) {
        try {
            return sse.newEventBuilder().id(Long.toString(view.position())).data(String.class,
                    writer.writeValueAsString(view)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be written as JSON", e);
        }
    }

    void execute(Runnable pump) {
        readers.execute(pump);
    }

    void closed(EventStream stream) {
        if (open.remove(stream)) {
            places.decrementAndGet();
        }
    }

    /** A comment on every stream; a stream whose key was revoked since it opened ends instead. */
    private void keepAlive() {
        Sse events = sse;
        if (events == null || open.isEmpty()) {
            return;
        }
        List<EventStream> streams = List.copyOf(open);
        Set<String> active;
        try {
            active = keys.active(streams.stream().map(EventStream::keyId).collect(Collectors.toSet()));
        } catch (RuntimeException e) {
            LOG.debugf("Checking the streams' keys failed; they are checked again at the next keep-alive: %s",
                    e.getMessage());
            active = null;
        }
        OutboundSseEvent comment = events.newEventBuilder().comment("keep-alive").build();
        for (EventStream stream : streams) {
            if (active == null || active.contains(stream.keyId())) {
                stream.keepAlive(comment);
            } else {
                stream.close();
            }
        }
    }

    /** One read of the index's head for every stream: wakes them when another instance's processor moved it. */
    private void check() {
        if (open.isEmpty()) {
            return;
        }
        try {
            long[] now = query.head();
            if (!Arrays.equals(now, head)) {
                head = now;
                open.forEach(EventStream::wake);
            } else {
                open.stream().filter(EventStream::readFailed).forEach(EventStream::wake);
            }
        } catch (RuntimeException e) {
            LOG.debugf("Checking the event index's head failed: %s", e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
