package changeledger.ingestion;

import java.time.Instant;

/**
 * A Proxmox task started (sequence 0 of its stream); every field comes from the host id and the UPID,
 * so the same task from any source is the same event. Its class and disruption window are derived
 * from the type when read, with the host's class table of that time.
 *
 * @param hostId    the host
 * @param upid      the UPID as written by Proxmox
 * @param node      the node from the UPID
 * @param pid       the worker's process id
 * @param pstart    the worker's process start (clock ticks since boot)
 * @param startTime when it started
 * @param type      the task type
 * @param guestId   the UPID's id field as raw text (a VMID or not, possibly empty)
 * @param user      the user or API token that started it
 */
public record ProxmoxTaskStarted(String hostId, String upid, String node, long pid, long pstart, Instant startTime,
                                 String type, String guestId, String user) implements ProxmoxTaskEvent {

    /** The event type stored in the event table. */
    public static final String TYPE = "ProxmoxTaskStarted";

    /** The event for a task of a host. */
    public static ProxmoxTaskStarted of(String hostId, Upid upid) {
        return new ProxmoxTaskStarted(hostId, upid.text(), upid.node(), upid.pid(), upid.pstart(), upid.startTime(),
                upid.type(), upid.id(), upid.user());
    }
}
