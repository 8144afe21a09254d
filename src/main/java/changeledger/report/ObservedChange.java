package changeledger.report;

import java.time.Instant;
import java.util.UUID;

/**
 * A change the budget may count: a task of class change or disruptive, an access-log change not linked to a task,
 * a manual change entry that stands, or a configuration drift no task or call explains.
 *
 * @param eventId         the event that shows it (a task's start, the API call, the entry)
 * @param position        its global position
 * @param occurredAt      when it happened
 * @param eventClass      {@code change}, {@code disruptive} or {@code manual}
 * @param target          what it changed: the guest id, {@code node}, {@code security}...
 * @param actor           who made it
 * @param summary         a line a person reads
 * @param changeRequestId the request that covers it, or null when it is unplanned
 * @param windowStart     for a drift, the start of the window it happened in (it ends at {@code occurredAt}); else null
 * @param security        whether it is a security change
 */
public record ObservedChange(UUID eventId, long position, Instant occurredAt, String eventClass, String target,
                             String actor, String summary, String changeRequestId, Instant windowStart,
                             boolean security) {

    /** The guest it changed, or null. */
    public String guest() {
        return changeledger.host.ChangeTarget.isGuest(target) ? target : null;
    }

    /** Whether an approved, started or completed request covers it. */
    public boolean planned() {
        return changeRequestId != null;
    }
}
