package changeledger.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * A change the change statistics count and the monthly budget may count: a task of class change or disruptive (at
 * its start), an access-log change linked to no task, a manual change entry that stands, or a configuration drift no
 * task or call explains.
 *
 * @param position    the position of the event it comes from
 * @param eventId     that event's id
 * @param guest       the guest id, or null
 * @param eventClass  change, disruptive or manual
 * @param occurredAt  when (a drift: its window's end)
 * @param target      what it changed ({@link ObservedTarget})
 * @param windowStart a drift's window start (exclusive): it happened in {@code (windowStart, occurredAt]}; null for
 *                    a change seen when it happened
 * @param security    whether it is a security change
 */
public record CountedChange(long position, UUID eventId, String guest, String eventClass, Instant occurredAt,
                            String target, Instant windowStart, boolean security) {

    /** When it may have happened first: the window's start for a drift, else when it happened. */
    public Instant earliest() {
        return windowStart != null ? windowStart : occurredAt;
    }
}
