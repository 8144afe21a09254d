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
 * @param sync    the state of the pull connector for this host
 */
public record HostView(String id, String name, HostRole role, String zone, String node, String cluster,
                       HostPolicy policy, Sync sync) {

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

    /** The view of a host with its sync state. */
    public static HostView of(Host host, Sync sync) {
        return new HostView(host.id(), host.name(), host.role(), host.zone(), host.node(), host.cluster(),
                host.policy(), sync);
    }
}
