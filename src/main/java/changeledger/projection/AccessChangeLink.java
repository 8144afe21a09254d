package changeledger.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * An access-log change ({@code ApiChangeObserved}) and the task it is linked to by {@link TaskLinkRule}: a linked
 * change is that task's trace and counts nowhere (stats, budget, unplanned changes); an unlinked one counts as a
 * change of its own.
 *
 * @param eventId    the access-log change's event id
 * @param position   its position
 * @param guest      its guest, or null for the node
 * @param occurredAt when it was logged
 * @param task       the task it is linked to, or null
 */
public record AccessChangeLink(UUID eventId, long position, String guest, Instant occurredAt, LinkedTask task) {

    /** Whether it counts as a change of its own: it is linked to no task. */
    public boolean counted() {
        return task == null;
    }

    /**
     * The task a change is linked to.
     *
     * @param startEventId the id of the task's {@code ProxmoxTaskStarted} event
     * @param position     that event's position
     * @param stream       the task's stream: {@code <hostId>/<UPID>}
     * @param start        when the task started
     */
    public record LinkedTask(UUID startEventId, long position, String stream, Instant start) {
    }
}
