package changeledger.host;

/**
 * A host as the API shows it.
 *
 * @param id      the host id (slug)
 * @param name    display name
 * @param role    infrastructure or lab
 * @param zone    network zone
 * @param node    Proxmox node name
 * @param cluster cluster name, or null
 * @param policy  the change policy
 * @param sync     the state of the pull connector for this host
 * @param evidence the host's sources with their last signs of life, and its open gaps (DESIGN "Evidence")
 */
public record HostView(String id, String name, HostRole role, String zone, String node, String cluster,
                       HostPolicy policy, Sync sync, Evidence evidence) {

    /**
     * The pull connector's last outcome.
     *
     * @param configured  whether the host has a Proxmox API configured
     * @param lastSuccess when a sync last succeeded, or null
     * @param lastError   the last failure with its reason, or null
     * @param lastErrorAt when that failure happened, or null
     */
    public record Sync(boolean configured, java.time.Instant lastSuccess, String lastError,
                       java.time.Instant lastErrorAt) {
    }

    /**
     * How complete the host's record is.
     *
     * @param sources  every source that ever showed a sign of life, by name
     * @param openGaps gaps still open (a silence of every source that reports tasks)
     */
    public record Evidence(java.util.List<Source> sources, java.util.List<Gap> openGaps) {
    }

    /**
     * A source's last sign of life.
     *
     * @param name       {@code task-index}, {@code access-log}, {@code config}, {@code journal} or {@code pull}
     * @param lastSeenAt its last upload, heartbeat or successful pull
     */
    public record Source(String name, java.time.Instant lastSeenAt) {
    }

    /**
     * A collection gap.
     *
     * @param source the source that went silent
     * @param from   when the silence began
     * @param to     when data came again, or null while open
     */
    public record Gap(String source, java.time.Instant from, java.time.Instant to) {
    }

    /** The view of a host with its sync state and its evidence. */
    public static HostView of(Host host, Sync sync, Evidence evidence) {
        return new HostView(host.id(), host.name(), host.role(), host.zone(), host.node(), host.cluster(),
                host.policy(), sync, evidence);
    }
}
