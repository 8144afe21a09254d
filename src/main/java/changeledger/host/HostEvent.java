package changeledger.host;

import java.time.Instant;

/** Events of the host aggregate. */
public sealed interface HostEvent {

    /** The aggregate type of hosts in the event store. */
    String AGGREGATE_TYPE = "Host";

    /** The host id. */
    String hostId();

    /** A host was registered (revision 2: revision 1 had no zone). */
    record HostRegistered(String hostId, String name, HostRole role, String zone, String node, HostPolicy policy,
                          Instant registeredAt) implements HostEvent {
    }

    /** The host's policy was replaced. */
    record HostPolicyChanged(String hostId, HostPolicy policy) implements HostEvent {
    }

    /**
     * The host joined a Proxmox cluster.
     *
     * @param since when it became a member; null in events stored before the field existed, which read as their
     *              occurred-at time
     */
    record HostJoinedCluster(String hostId, String cluster, Instant since) implements HostEvent {
    }

    /**
     * The host left its Proxmox cluster.
     *
     * @param since when it stopped being a member; null in events stored before the field existed (their occurred-at)
     */
    record HostLeftCluster(String hostId, String cluster, Instant since) implements HostEvent {
    }
}
