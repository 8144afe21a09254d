package changeledger.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * A change the change statistics count and the monthly budget may count: a task of class change or disruptive (at
 * its start), an access-log change linked to no task, or a manual change entry that stands.
 *
 * @param position   the position of the event it comes from
 * @param eventId    that event's id
 * @param guest      the guest id, or null
 * @param eventClass change, disruptive or manual
 * @param occurredAt when
 */
public record CountedChange(long position, UUID eventId, String guest, String eventClass, Instant occurredAt) {
}
