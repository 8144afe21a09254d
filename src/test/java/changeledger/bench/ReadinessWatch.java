package changeledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks {@code /q/health/ready} every 100 ms on a thread of its own and keeps each answer with when it was asked and
 * when it came, so a drill can say how long after an outage began readiness went down and how long after the
 * database came back it was up again.
 */
final class ReadinessWatch implements AutoCloseable {

    /** One probe: asked and answered (System.nanoTime()), and whether it answered 200. */
    record Probe(long askedNanos, long answeredNanos, boolean ready) {
    }

    private final List<Probe> probes = new ArrayList<>();
    private final HttpClient http = ServiceProcess.newClient();
    private final HttpRequest request;
    private final Thread thread;
    private volatile boolean running = true;

    ReadinessWatch(String base) {
        request = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(20))
                .GET().build();
        thread = new Thread(this::watch, "readiness-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            long asked = System.nanoTime();
            boolean ready;
            try {
                ready = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                ready = false;
            }
            synchronized (probes) {
                probes.add(new Probe(asked, System.nanoTime(), ready));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The first probe asked at or after {@code sinceNanos} that answered {@code ready}, if one did. */
    Optional<Probe> first(long sinceNanos, boolean ready) {
        synchronized (probes) {
            return probes.stream().filter(p -> p.askedNanos() >= sinceNanos && p.ready() == ready).findFirst();
        }
    }

    /** Waits until a probe asked at or after {@code sinceNanos} answers {@code ready}; empty after {@code timeout}. */
    Optional<Probe> await(long sinceNanos, boolean ready, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Probe> probe = first(sinceNanos, ready);
            if (probe.isPresent()) {
                return probe;
            }
            Thread.sleep(50);
        }
        return first(sinceNanos, ready);
    }

    /** Probes asked at or after {@code sinceNanos} and answered before {@code untilNanos} that said not ready. */
    long notReadyBetween(long sinceNanos, long untilNanos) {
        synchronized (probes) {
            return probes.stream().filter(p -> p.askedNanos() >= sinceNanos && p.answeredNanos() <= untilNanos
                    && !p.ready()).count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(30_000);
    }
}
