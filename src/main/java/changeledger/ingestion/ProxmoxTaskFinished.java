package changeledger.ingestion;

import java.time.Instant;

/**
 * A Proxmox task finished (sequence 1 of its stream); every field comes from the host id, the UPID,
 * the end time and the status.
 *
 * @param hostId    the host
 * @param upid      the UPID as written by Proxmox
 * @param type      the task type
 * @param guestId   the UPID's id field as raw text
 * @param startTime when it started
 * @param endTime   when it ended
 * @param status    {@code OK}, {@code WARNINGS: N} or an error message
 * @param failed    whether the status is a failure (anything but {@code OK} and {@code WARNINGS: N})
 */
public record ProxmoxTaskFinished(String hostId, String upid, String type, String guestId, Instant startTime,
                                  Instant endTime, String status, boolean failed)
        implements ProxmoxTaskEvent {

    /** The event type stored in the event table. */
    public static final String TYPE = "ProxmoxTaskFinished";

    /** The event for the end of a task of a host. */
    public static ProxmoxTaskFinished of(String hostId, Upid upid, TaskFact.End end) {
        return new ProxmoxTaskFinished(hostId, upid.text(), upid.type(), upid.id(), upid.startTime(), end.endTime(),
                end.status(), TaskStatus.failed(end.status()));
    }

    /** Whether this finish records the same end as {@code end}. */
    public boolean sameEndAs(TaskFact.End end) {
        return endTime.equals(end.endTime()) && status.equals(end.status());
    }
}
