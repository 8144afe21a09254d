package changeledger.host;

/** Commands of the host aggregate. */
public sealed interface HostCommand {

    /** The host the command is for. */
    String hostId();

    /** Register a new host. */
    record RegisterHost(String hostId, String name, HostRole role, String zone, String node, HostPolicy policy)
            implements HostCommand {
    }

    /** Replace the host's policy. */
    record ChangeHostPolicy(String hostId, HostPolicy policy) implements HostCommand {
    }

    /**
     * Join a cluster, or leave it with a null cluster.
     *
     * @param since when the change took effect; null for the time of the command
     */
    record SetCluster(String hostId, String cluster, java.time.Instant since) implements HostCommand {

        /** A change that takes effect now. */
        public SetCluster(String hostId, String cluster) {
            this(hostId, cluster, null);
        }
    }
}
