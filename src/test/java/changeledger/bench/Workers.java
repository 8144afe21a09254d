package changeledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs one request loop per worker thread; the first failure stops every loop and fails the run. */
final class Workers {

    /** One worker's loop: it runs until its work is done or {@code failed} is set. */
    interface Loop {
        void run(int worker, Random random, AtomicBoolean failed) throws Exception;
    }

    private Workers() {
    }

    /**
     * Runs {@code count} loops concurrently and waits for all of them.
     *
     * @param seed seeds each worker's random choices ({@code seed * 1000 + worker}), so two paths of a round can run
     *             the same plan
     */
    static void run(int count, long seed, Loop loop) throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                int worker = w;
                Random random = new Random(seed * 1_000 + w);
                futures.add(threads.submit(() -> {
                    try {
                        loop.run(worker, random, failed);
                    } catch (Exception | Error e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
