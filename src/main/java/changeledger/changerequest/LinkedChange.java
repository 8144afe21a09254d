package changeledger.changerequest;

import changeledger.projection.ObservedTarget;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * An observed change a request covers.
 *
 * @param eventId    the event's id
 * @param position   its global position (for {@code GET /api/v1/events?after=})
 * @param occurredAt when the change happened (a task's start)
 * @param eventClass {@code change}, {@code disruptive} or {@code manual}
 * @param type       the event type ({@code ProxmoxTaskStarted}, {@code ApiChangeObserved}, {@code ManualEntryRecorded})
 * @param guest      the guest id, or null
 * @param target     the change's target (see {@link ObservedTarget})
 * @param actor      who made it: the Proxmox user or token, or the key that recorded a manual entry
 * @param summary    the line the audit log shows for it
 */
public record LinkedChange(UUID eventId, long position, Instant occurredAt, @JsonProperty("class") String eventClass,
                           String type, String guest, String target, String actor, String summary) {
}
