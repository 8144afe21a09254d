package changeledger.alert;

import java.time.Instant;
import java.util.List;

/**
 * Events of an alert's stream ({@code Alert / <alertId>}): raised once per occurrence of a rule, then one event per
 * delivery attempt to each of its targets. No secret of a target appears in them.
 */
public sealed interface AlertEvent {

    /** The aggregate type of alert streams. */
    String AGGREGATE_TYPE = "Alert";

    /** The alert: name-based on the rule and the occurrence, the same on every retry. */
    String alertId();

    /**
     * A rule fired.
     *
     * @param alertId    the alert
     * @param rule       the rule's name
     * @param on         what it fires on ({@link AlertKind})
     * @param hostId     the host, or null for the whole service (a broken seal)
     * @param occurredAt when the occurrence happened
     * @param title      a line
     * @param message    what happened, in words
     * @param link       where a person looks at it, or null when no public address is configured
     * @param events     the events that show it
     * @param targets    the targets it goes to
     */
    record AlertRaised(String alertId, String rule, String on, String hostId, Instant occurredAt, String title,
                       String message, String link, List<String> events, List<String> targets)
            implements AlertEvent {
    }

    /** A target took the alert on this attempt (1 for the first). */
    record AlertDelivered(String alertId, String target, int attempt) implements AlertEvent {
    }

    /** An attempt failed with {@code error}; the next one is due at {@code nextAttemptAt}. */
    record AlertDeliveryFailed(String alertId, String target, int attempt, String error, Instant nextAttemptAt)
            implements AlertEvent {
    }
}
