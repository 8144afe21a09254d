package changeledger.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One occurrence of what a rule fires on: {@code key} names it among the rule's occurrences (an event id, a window's
 * cause, a host and month), so deciding it again never raises a second alert.
 *
 * @param rule       the rule
 * @param key        the occurrence, stable across restarts and instances
 * @param hostId     the host, or null for the whole service
 * @param occurredAt when it happened
 * @param title      a line
 * @param message    what happened, in words
 * @param events     the events that show it
 */
public record Occurrence(AlertRule rule, String key, String hostId, Instant occurredAt, String title, String message,
                         List<UUID> events) {
}
