package changeledger.ingestion;

import java.time.Instant;

/**
 * What a node's systemd journal shows that no task records: a guest's QEMU that ended, a guest's process killed for
 * memory, a guest started outside a task, a boot of the node (DESIGN "Journal, Proxmox notifications, alerts"). Each
 * is one event in its own stream {@code <hostId>/<eventId>}.
 */
public sealed interface JournalObservation {

    /** The aggregate type of journal observations. */
    String AGGREGATE_TYPE = "HostJournal";

    /** The host whose journal it is. */
    String hostId();

    /** When it happened on the node. */
    Instant at();

    /** The journal line it was read from, as received. */
    String line();

    /** The event type stored in the event table. */
    String type();

    /**
     * A guest's QEMU process ended: {@code qmeventd} ran {@code qm cleanup} for it.
     *
     * @param guestId        the VMID
     * @param cause          what the lines before it tell: {@code killed} (a memory kill of its process just before),
     *                       {@code crashed} / {@code guest-requested} / {@code host-requested} (only where qmeventd
     *                       runs verbose and prints the cleanup's flags), else {@code unknown}
     * @param clean          whether QEMU shut down cleanly, where a line says so; else null
     * @param guestRequested whether the guest asked for the shutdown, where a line says so; else null
     */
    record GuestStopObserved(String hostId, String guestId, Instant at, String cause, Boolean clean,
                             Boolean guestRequested, String line) implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "GuestStopObserved";

        /** The cause when nothing around the cleanup tells it. */
        public static final String UNKNOWN = "unknown";
        /** The cause when the guest's process was killed for memory just before. */
        public static final String KILLED = "killed";
        /** The cause when qmeventd printed an unclean shutdown. */
        public static final String CRASHED = "crashed";
        /** The cause when qmeventd printed a shutdown the guest asked for. */
        public static final String GUEST_REQUESTED = "guest-requested";
        /** The cause when qmeventd printed a clean shutdown that the guest did not ask for. */
        public static final String HOST_REQUESTED = "host-requested";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * The kernel's OOM killer killed a process of a guest: its QEMU ({@code /qemu.slice/<vmid>.scope}) or a process
     * of a container ({@code /lxc/<vmid>/...}).
     *
     * @param guestId   the VMID from the cgroup
     * @param guestType {@code qemu} or {@code lxc}
     * @param process   the killed process's name
     * @param pid       its process id
     * @param cgroup    the cgroup the kernel printed
     */
    record GuestKilledObserved(String hostId, String guestId, String guestType, Instant at, String process, long pid,
                               String cgroup, String line) implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "GuestKilledObserved";
        /** The guest type of a virtual machine. */
        public static final String QEMU = "qemu";

        @Override
        public String type() {
            return TYPE;
        }

        /** Whether the killed process was the guest itself (a VM's QEMU): then the guest is down until it starts. */
        public boolean wholeGuest() {
            return QEMU.equals(guestType);
        }
    }

    /**
     * A guest was started without a start task: {@code qm cleanup} restarting a VM whose reboot was requested
     * ({@code Restarting VM <vmid>}).
     */
    record GuestStartObserved(String hostId, String guestId, Instant at, String line) implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "GuestStartObserved";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * The node booted.
     *
     * @param bootId             the boot's id, or null where the text output named none (a kernel banner line)
     * @param at                 the boot's first line
     * @param previousBootId     the boot before, where known
     * @param previousLastLineAt the last line of the boot before, where the journal showed it; else null
     * @param previousBootClean  whether the boot before ended with a clean shutdown (systemd reached
     *                           {@code shutdown.target}, or journald stopped as its last line); null where the boot
     *                           before was not seen
     */
    record NodeBootObserved(String hostId, String bootId, Instant at, String previousBootId, Instant previousLastLineAt,
                            Boolean previousBootClean, String line) implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "NodeBootObserved";

        @Override
        public String type() {
            return TYPE;
        }

        /** Whether the node went down without a clean shutdown: a node disruption from the last line to the boot. */
        public boolean unclean() {
            return Boolean.FALSE.equals(previousBootClean) && previousLastLineAt != null;
        }
    }

    /**
     * The node lost (or regained) the cluster's quorum: pmxcfs ({@code [status] notice: node lost quorum} / {@code node
     * has quorum}, pve-cluster {@code src/pmxcfs/status.c}) or corosync ({@code [QUORUM] This node is within the
     * non-primary component ...} / {@code ... the primary component ...}, corosync {@code exec/vsf_quorum.c}).
     *
     * @param quorate whether the node has quorum from this line on
     * @param source  the daemon that logged it: {@code pmxcfs} or {@code corosync}
     */
    record QuorumChangeObserved(String hostId, Instant at, boolean quorate, String source, String line)
            implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "QuorumChangeObserved";
        /** The source of pmxcfs's lines. */
        public static final String PMXCFS = "pmxcfs";
        /** The source of corosync's lines. */
        public static final String COROSYNC = "corosync";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * Corosync formed a new membership in which nodes joined or left ({@code [TOTEM ] A new membership (<ring id>) was
     * formed. Members joined: 2 left: 3}, corosync {@code exec/totemsrp.c}); nodes are corosync node ids.
     *
     * @param ringId the ring id as printed ({@code <rep>.<seq>} in hex)
     * @param joined the node ids that joined
     * @param left   the node ids that left
     */
    record ClusterMembersObserved(String hostId, Instant at, String ringId, java.util.List<String> joined,
                                  java.util.List<String> left, String line) implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "ClusterMembersObserved";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * The HA manager's master fenced a node: it got the node's agent lock ({@code fencing: acknowledged - got agent
     * lock for node '<node>'}, pve-ha-manager {@code src/PVE/HA/NodeStatus.pm}, {@code fence_node}), so the node is
     * down and its services are recovered elsewhere.
     *
     * @param node         the fenced node's name
     * @param fencedHostId the host whose node that is, among the hosts of the logging host's cluster when the line
     *                     was read; null when none is registered
     */
    record NodeFencedObserved(String hostId, Instant at, String node, String fencedHostId, String line)
            implements JournalObservation {
        /** The event type. */
        public static final String TYPE = "NodeFencedObserved";

        @Override
        public String type() {
            return TYPE;
        }
    }
}
