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

    /** Join a cluster, or leave it with a null cluster. */
    record SetCluster(String hostId, String cluster) implements HostCommand {
    }
}
