package changeledger.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a process's resident set size ({@link ProcessMemory}, from {@code /proc}) at a fixed rate on its own
 * thread while something runs, keeping the first, the last and the highest sample.
 */
final class RssSampler implements AutoCloseable {

    private final long pid;
    private final ScheduledExecutorService timer;
    private long first = -1;
    private long last = -1;
    private long peak = -1;

    private RssSampler(long pid, long periodMillis) {
        this.pid = pid;
        sample();
        if (first < 0) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-rss-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Takes a first sample now, then one every {@code periodMillis} until {@link #close()}. */
    static RssSampler start(long pid, long periodMillis) {
        return new RssSampler(pid, periodMillis);
    }

    private synchronized void sample() {
        ProcessMemory.of(pid).ifPresent(memory -> {
            if (first < 0) {
                first = memory.rssKib();
            }
            last = memory.rssKib();
            peak = Math.max(peak, memory.rssKib());
        });
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        sample();
    }

    /** RSS of the first sample, KiB. */
    synchronized long firstKib() {
        return first;
    }

    /** RSS of the last sample, KiB. */
    synchronized long lastKib() {
        return last;
    }

    /** Highest RSS sampled, KiB. */
    synchronized long peakKib() {
        return peak;
    }
}
