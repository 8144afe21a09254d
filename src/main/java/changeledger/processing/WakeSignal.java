package changeledger.processing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Lets a worker sleep until it is woken or a timeout passes; wake-ups while it works are not lost. */
final class WakeSignal {

    private final Semaphore permits = new Semaphore(0);

    void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    void await(Duration timeout) {
        try {
            if (permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                permits.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
