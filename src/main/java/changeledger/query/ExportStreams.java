package changeledger.query;

import changeledger.api.Problem;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admits export streams up to a limit per key and in total, and hands each a {@link ExportStream} that frees its
 * place when the export ends, fails, stalls past the idle timeout or loses its client.
 */
@ApplicationScoped
public class ExportStreams {

    /** Seconds a refused client is asked to wait: an export of a year's events takes about that long. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final ExportConfig config;
    private final Map<String, Integer> perKey = new HashMap<>();
    private final Set<ExportStream> running = new HashSet<>();
    private int total;

    /** Wires the limits. */
    public ExportStreams(ExportConfig config) {
        this.config = config;
    }

    /** A place for one more export of this key, or empty when the key or the service is at its limit. */
    public synchronized Optional<ExportStream> open(String keyId, RoutingContext context) {
        int ofKey = perKey.getOrDefault(keyId, 0);
        if (ofKey >= config.maxStreamsPerKey() || total >= config.maxStreams()) {
            return Optional.empty();
        }
        perKey.put(keyId, ofKey + 1);
        total++;
        ExportStream[] opened = new ExportStream[1];
        ExportStream stream = new ExportStream(context, config.idleTimeout(), () -> close(keyId, opened[0]));
        opened[0] = stream;
        running.add(stream);
        context.addEndHandler(ended -> stream.release());
        return Optional.of(stream);
    }

    /** The 503 for a refused export: which limit, and when to retry. */
    public synchronized Response refusal(String keyId, String path) {
        String detail = perKey.getOrDefault(keyId, 0) >= config.maxStreamsPerKey()
                ? "This key already runs " + config.maxStreamsPerKey() + " exports, the most one key may run at once. "
                        + "Let one finish or close it, then retry."
                : "The service already runs " + config.maxStreams() + " exports, the most it runs at once. Retry "
                        + "later, or read pages of JSON (Accept: application/json) instead.";
        Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Too many exports", detail).at(path)
                .toResponse();
        return Response.fromResponse(problem).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)).build();
    }

    /**
     * The watchdog: cuts off every export that has handed nothing on for the idle timeout, also one whose writer is
     * blocked beneath the export's own wait, so a stalled client never keeps its place.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cutIdle() {
        List<ExportStream> open;
        synchronized (this) {
            open = List.copyOf(running);
        }
        long now = System.nanoTime();
        open.forEach(stream -> stream.cutIfIdle(now));
    }

    /** How many exports run now. */
    public synchronized int active() {
        return total;
    }

    /** How many bytes the running exports have handed to their clients' connections so far. */
    public synchronized long written() {
        return running.stream().mapToLong(ExportStream::written).sum();
    }

    private synchronized void close(String keyId, ExportStream stream) {
        running.remove(stream);
        total--;
        perKey.computeIfPresent(keyId, (key, n) -> n > 1 ? n - 1 : null);
    }
}
