package changeledger.evidence;

import java.time.Duration;
import java.time.Instant;

/** A clock a test sets, installed with {@code QuarkusMock} for one test: signs of life in a month of the past. */
public class TestClock extends EvidenceClock {

    private Instant now;

    /** Starts at {@code start}. */
    public TestClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Sets the time. */
    public synchronized void set(Instant time) {
        now = time;
    }

    /** Moves the time on. */
    public synchronized Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
    }
}
