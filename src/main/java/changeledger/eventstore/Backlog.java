package changeledger.eventstore;

import java.time.Duration;
import java.time.Instant;

/**
 * The committed events a reader has not read yet.
 *
 * @param events           how many, up to the limit they were counted to
 * @param atLeast          whether more follow: counting stopped at the limit
 * @param oldestRecordedAt when the oldest of them was recorded, or null when there is none
 */
public record Backlog(long events, boolean atLeast, Instant oldestRecordedAt) {

    /** How long the oldest unread event has waited, zero when there is none. */
    public Duration age(Instant now) {
        if (oldestRecordedAt == null || oldestRecordedAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(oldestRecordedAt, now);
    }
}
