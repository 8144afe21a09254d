package changeledger.ingestion;

import changeledger.ingestion.JournalObservation.GuestKilledObserved;
import changeledger.ingestion.JournalObservation.GuestStartObserved;
import changeledger.ingestion.JournalObservation.GuestStopObserved;
import changeledger.ingestion.JournalObservation.ClusterMembersObserved;
import changeledger.ingestion.JournalObservation.NodeBootObserved;
import changeledger.ingestion.JournalObservation.NodeFencedObserved;
import changeledger.ingestion.JournalObservation.QuorumChangeObserved;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an upload of a node's journal lines in their order, with where the host's journal stood before
 * ({@link JournalTail}), into task sightings, observations and the lines that tell nothing. The formats, each from
 * Proxmox's or the kernel's own sources (the fixtures cite the files):
 * <ul>
 *   <li>{@code qmeventd}: {@code qm cleanup} (qemu-server {@code src/PVE/CLI/qm.pm}) writes {@code Starting cleanup for
 *       <vmid>}, {@code Finished cleanup for <vmid>} and, for a reboot requested through the API, {@code Restarting VM
 *       <vmid>}; a verbose qmeventd ({@code src/qmeventd/qmeventd.c}, {@code -v}) also prints {@code <vmid>: executing
 *       cleanup (graceful: 0|1, guest: 0|1)}. A cleanup that finished is a {@link GuestStopObserved} at its
 *       start.</li>
 *   <li>the kernel's OOM summary ({@code mm/oom_kill.c}, {@code dump_oom_victim}; {@code mm/memcontrol.c}):
 *       {@code oom-kill:constraint=...,task_memcg=/qemu.slice/<vmid>.scope,task=kvm,pid=<pid>,uid=0} (a container:
 *       {@code /lxc/<vmid>/...}): a {@link GuestKilledObserved}.</li>
 *   <li>{@code <user> starting task UPID:...} and {@code <user> end task UPID:... <status>} (pve-common
 *       {@code src/PVE/RESTEnvironment.pm}, written through pve-cluster's {@code PVE::Cluster::log_msg}): the task's
 *       sightings, as the task index gives them ({@code successful} is the status {@code OK}).</li>
 *   <li>{@code Restarting VM <vmid>}: a {@link GuestStartObserved}, the one start without a task. (Starts through a
 *       task also log {@code VM <vmid> started with PID <pid>}, qemu-server {@code src/PVE/QemuServer.pm}; their task
 *       is the start, so that line is ignored and windows end where the start task ends, as without a journal.)</li>
 *   <li>boots: a {@code -- Boot <id> --} marker, a change of {@code _BOOT_ID} in JSON, or the kernel's banner
 *       {@code Linux version ...} in text; the boot before ended cleanly where systemd reached {@code shutdown.target}
 *       ({@code src/core/target.c}: {@code Reached target %s.}) or journald's last line was {@code Journal stopped}
 *       ({@code src/journal/journald.c}).</li>
 *   <li>the cluster (ADR 0063): pmxcfs logs through libqb with the format {@code [%g] %p: %b} (pve-cluster
 *       {@code src/pmxcfs/pmxcfs.c}), so {@code cfs_message("node lost quorum")} / {@code "node has quorum"} in
 *       {@code src/pmxcfs/status.c} (log domain {@code status}, level message = notice) reads
 *       {@code [status] notice: node lost quorum}; corosync logs {@code [QUORUM] This node is within the non-primary
 *       component and will NOT provide any services.} / {@code ... the primary component and will provide service.}
 *       ({@code exec/vsf_quorum.c}) and {@code [TOTEM ] A new membership (<rep>.<seq>) was formed. Members joined: 2
 *       left: 3} ({@code exec/totemsrp.c}), each after a padded subsystem tag ({@code exec/logsys.c},
 *       {@code %7p [%6g] %b}): a {@link QuorumChangeObserved} or {@link ClusterMembersObserved}; pve-ha-crm's
 *       {@code fencing: acknowledged - got agent lock for node '<node>'} (pve-ha-manager
 *       {@code src/PVE/HA/NodeStatus.pm}, logged through {@code syslog} in {@code src/PVE/HA/Env/PVE2.pm}): a
 *       {@link NodeFencedObserved}.</li>
 * </ul>
 * Lines at or before the last line an earlier upload read are read again only for their task sightings (those are
 * decided against the stored tasks): their observations were decided when they were first read, from the lines around
 * them then, so a resend from an earlier cursor adds nothing and changes nothing.
 */
public final class JournalReading {

    /** How long before a cleanup a memory kill of the guest's process makes it the cleanup's cause. */
    static final Duration KILL_BEFORE_CLEANUP = Duration.ofSeconds(60);

    /**
     * How long a cleanup may take from its start line to its finish line: {@code qm cleanup} waits up to 60 s for the
     * guest's lock and 30 s for QEMU to exit. An older start line belongs to a cleanup that never finished.
     */
    static final Duration CLEANUP_AT_MOST = Duration.ofMinutes(2);

    private static final Pattern STARTING_CLEANUP = Pattern.compile("^Starting cleanup for (\\d+)$");
    private static final Pattern FINISHED_CLEANUP = Pattern.compile("^Finished cleanup for (\\d+)$");
    private static final Pattern CLEANUP_FLAGS =
            Pattern.compile("^(\\d+): executing cleanup \\(graceful: ([01]), guest: ([01])\\)$");
    private static final Pattern RESTARTING = Pattern.compile("^Restarting VM (\\d+)$");
    private static final Pattern OOM_SUMMARY = Pattern.compile(
            "^oom-kill:constraint=[^,]*,.*?task_memcg=([^,]*),task=(.*),pid=(\\d+),uid=\\d+$");
    private static final Pattern QEMU_SCOPE = Pattern.compile("^/qemu\\.slice/(\\d+)\\.scope(?:/.*)?$");
    private static final Pattern LXC_CGROUP = Pattern.compile("^/lxc/(\\d+)(?:/.*)?$");
    private static final Pattern TASK_LINE = Pattern.compile("^<([^>]*)> (starting|end) task (UPID:\\S+)(?: (.*))?$");
    private static final Pattern SHUTDOWN_TARGET =
            Pattern.compile("^Reached target (?:shutdown\\.target|System Shutdown)\\b.*$");
    private static final Pattern PMXCFS_QUORUM = Pattern.compile("^\\[status\\] notice: node (lost|has) quorum$");
    private static final Pattern COROSYNC_QUORUM = Pattern.compile(
            "^\\s*(?:[a-z]+\\s+)?\\[QUORUM\\s*\\] This node is within the (non-primary|primary) component and will "
                    + "(?:NOT )?provide (?:any )?services?\\.$");
    private static final Pattern TOTEM_MEMBERSHIP = Pattern.compile(
            "^\\s*(?:[a-z]+\\s+)?\\[TOTEM\\s*\\] A new membership \\(([0-9a-fA-F]+\\.[0-9a-fA-F]+)\\) was formed\\. "
                    + "Members(?: joined:((?: \\d+)+))?(?: left:((?: \\d+)+))?$");
    private static final Pattern FENCED = Pattern.compile(
            "^fencing: acknowledged - got agent lock for node '([^']+)'$");
    private static final String KERNEL_BANNER = "Linux version ";
    private static final String SUCCESSFUL = "successful";
    private static final String OK = "OK";

    /** An observation and the line it was read from. */
    public record Observed(LineOutcome<JournalEntry> source, JournalObservation observation) {
    }

    private final String hostId;
    private final List<LineOutcome<TaskFact>> tasks = new ArrayList<>();
    private final List<Observed> observed = new ArrayList<>();
    private final List<PlannedLine> other = new ArrayList<>();
    private final Map<String, Instant> cleanupStarts = new HashMap<>();
    private final Map<String, boolean[]> cleanupFlags = new HashMap<>();
    private final Map<String, Instant> lastKills = new HashMap<>();
    private final JournalTail before;
    private final Function<String, String> hostOfNode;
    private String bootId;
    private Instant lastLineAt;
    private boolean shutdownReached;
    private boolean journalStopped;
    private String pendingBoot;

    private JournalReading(String hostId, JournalTail before, Function<String, String> hostOfNode) {
        this.hostId = hostId;
        this.before = before;
        this.hostOfNode = hostOfNode;
        this.bootId = before.bootId();
        this.lastLineAt = before.lastLineAt();
        this.shutdownReached = before.shutdownReached();
        this.journalStopped = before.journalStopped();
    }

    /** Reads the parsed lines of one upload, in their order. */
    public static JournalReading read(String hostId, JournalTail before, List<LineOutcome<JournalEntry>> lines) {
        return read(hostId, before, lines, node -> null);
    }

    /**
     * Reads the parsed lines of one upload, in their order; {@code hostOfNode} names the host of a node the HA manager
     * fenced (among the hosts of this host's cluster), or null.
     */
    public static JournalReading read(String hostId, JournalTail before, List<LineOutcome<JournalEntry>> lines,
                                      Function<String, String> hostOfNode) {
        JournalReading reading = new JournalReading(hostId, before, hostOfNode);
        lines.forEach(reading::line);
        return reading;
    }

    /** The task sightings, in line order. */
    public List<LineOutcome<TaskFact>> tasks() {
        return tasks;
    }

    /** The observations, in line order. */
    public List<Observed> observed() {
        return observed;
    }

    /** The lines that tell nothing: ignored (also those an earlier upload read), or rejected. */
    public List<PlannedLine> other() {
        return other;
    }

    /** Where the host's journal stands after this upload. */
    public JournalTail after() {
        return new JournalTail(bootId, lastLineAt, shutdownReached, journalStopped);
    }

    private void line(LineOutcome<JournalEntry> outcome) {
        if (!(outcome instanceof LineOutcome.Accepted<JournalEntry> accepted)) {
            other.add(PlannedLine.of(outcome));
            return;
        }
        JournalEntry entry = accepted.fact();
        if (entry.marker()) {
            if (!entry.bootId().equals(bootId)) {
                pendingBoot = entry.bootId();
            }
            other.add(PlannedLine.of(ignored(outcome, "a boot marker: the boot is read from the line after it")));
            return;
        }
        Matcher task = TASK_LINE.matcher(entry.message());
        if (task.matches()) {
            tasks.add(taskSighting(accepted, entry, task));
        }
        boolean seen = before.read(entry.time());
        if (seen) {
            pendingBoot = null;
            if (!task.matches()) {
                other.add(PlannedLine.of(ignored(outcome, "at or before the last line an earlier upload read: what it "
                        + "showed was decided then")));
            }
            return;
        }
        JournalObservation boot = boot(entry, accepted.line());
        if (boot != null) {
            observed.add(new Observed(outcome, boot));
        }
        lastLineAt = lastLineAt == null || entry.time().isAfter(lastLineAt) ? entry.time() : lastLineAt;
        if (task.matches()) {
            return;
        }
        JournalObservation observation = observation(entry, accepted.line());
        if (observation != null) {
            observed.add(new Observed(outcome, observation));
        } else if (boot == null) {
            other.add(PlannedLine.of(ignored(outcome, "tells no change and no disruption")));
        }
    }

    /** The boot that {@code entry} begins, or null when it continues the boot before it. */
    private NodeBootObserved boot(JournalEntry entry, String line) {
        String newBoot = null;
        boolean begins = false;
        if (pendingBoot != null) {
            newBoot = pendingBoot;
            begins = true;
        } else if (entry.bootId() != null) {
            begins = bootId != null && !entry.bootId().equals(bootId);
            newBoot = entry.bootId();
        } else if (entry.from("kernel") && entry.message().startsWith(KERNEL_BANNER)) {
            begins = true;
        }
        pendingBoot = null;
        if (!begins) {
            if (newBoot != null) {
                bootId = newBoot;
            }
            return null;
        }
        NodeBootObserved boot = new NodeBootObserved(hostId, newBoot, entry.time(), bootId, lastLineAt,
                lastLineAt == null ? null : shutdownReached || journalStopped, line);
        bootId = newBoot;
        shutdownReached = false;
        journalStopped = false;
        cleanupStarts.clear();
        cleanupFlags.clear();
        return boot;
    }

    private JournalObservation observation(JournalEntry entry, String line) {
        String message = entry.message();
        if (entry.from("qmeventd")) {
            Matcher m = STARTING_CLEANUP.matcher(message);
            if (m.matches()) {
                cleanupStarts.put(m.group(1), entry.time());
                return null;
            }
            m = CLEANUP_FLAGS.matcher(message);
            if (m.matches()) {
                cleanupFlags.put(m.group(1), new boolean[] {"1".equals(m.group(2)), "1".equals(m.group(3))});
                return null;
            }
            m = FINISHED_CLEANUP.matcher(message);
            if (m.matches()) {
                return stop(m.group(1), entry, line);
            }
            m = RESTARTING.matcher(message);
            if (m.matches()) {
                return new GuestStartObserved(hostId, m.group(1), entry.time(), line);
            }
        }
        if (entry.from("kernel")) {
            Matcher m = OOM_SUMMARY.matcher(message);
            if (m.matches()) {
                return kill(entry, m, line);
            }
        }
        JournalObservation cluster = cluster(entry, line);
        if (cluster != null) {
            return cluster;
        }
        if (entry.from("systemd") && "1".equals(entry.pid()) && SHUTDOWN_TARGET.matcher(message).matches()) {
            shutdownReached = true;
        } else if (entry.from("systemd-journald")) {
            if (message.equals("Journal stopped")) {
                journalStopped = true;
            } else if (message.startsWith("Journal started")) {
                journalStopped = false;
            }
        }
        return null;
    }

    /** What a pmxcfs, corosync or pve-ha-crm line tells of the cluster, or null. */
    private JournalObservation cluster(JournalEntry entry, String line) {
        String message = entry.message();
        if (entry.from("pmxcfs")) {
            Matcher m = PMXCFS_QUORUM.matcher(message);
            return m.matches() ? new QuorumChangeObserved(hostId, entry.time(), "has".equals(m.group(1)),
                    QuorumChangeObserved.PMXCFS, line)
                    : null;
        }
        if (entry.from("corosync")) {
            Matcher m = COROSYNC_QUORUM.matcher(message);
            if (m.matches()) {
                return new QuorumChangeObserved(hostId, entry.time(), "primary".equals(m.group(1)),
                        QuorumChangeObserved.COROSYNC, line);
            }
            m = TOTEM_MEMBERSHIP.matcher(message);
            if (m.matches() && (m.group(2) != null || m.group(3) != null)) {
                return new ClusterMembersObserved(hostId, entry.time(), m.group(1), ids(m.group(2)), ids(m.group(3)),
                        line);
            }
            return null;
        }
        if (entry.from("pve-ha-crm")) {
            Matcher m = FENCED.matcher(message);
            if (m.matches()) {
                return new NodeFencedObserved(hostId, entry.time(), m.group(1), hostOfNode.apply(m.group(1)), line);
            }
        }
        return null;
    }

    private static List<String> ids(String list) {
        return list == null ? List.of() : List.of(list.strip().split(" +"));
    }

    private GuestStopObserved stop(String vmid, JournalEntry entry, String line) {
        Instant started = cleanupStarts.remove(vmid);
        Instant at = started != null && !started.isBefore(entry.time().minus(CLEANUP_AT_MOST)) ? started : entry.time();
        boolean[] flags = cleanupFlags.remove(vmid);
        Instant kill = lastKills.get(vmid);
        String cause;
        Boolean clean = null;
        Boolean guestRequested = null;
        if (flags != null) {
            clean = flags[0];
            guestRequested = flags[1];
        }
        if (kill != null && !kill.isAfter(at) && !kill.isBefore(at.minus(KILL_BEFORE_CLEANUP))) {
            cause = GuestStopObserved.KILLED;
        } else if (flags == null) {
            cause = GuestStopObserved.UNKNOWN;
        } else if (!clean) {
            cause = GuestStopObserved.CRASHED;
        } else {
            cause = guestRequested ? GuestStopObserved.GUEST_REQUESTED : GuestStopObserved.HOST_REQUESTED;
        }
        return new GuestStopObserved(hostId, vmid, at, cause, clean, guestRequested, line);
    }

    private GuestKilledObserved kill(JournalEntry entry, Matcher summary, String line) {
        String cgroup = summary.group(1);
        Matcher qemu = QEMU_SCOPE.matcher(cgroup);
        Matcher lxc = LXC_CGROUP.matcher(cgroup);
        String vmid;
        String type;
        if (qemu.matches()) {
            vmid = qemu.group(1);
            type = GuestKilledObserved.QEMU;
        } else if (lxc.matches()) {
            vmid = lxc.group(1);
            type = "lxc";
        } else {
            return null;
        }
        lastKills.put(vmid, entry.time());
        return new GuestKilledObserved(hostId, vmid, type, entry.time(), summary.group(2),
                Long.parseLong(summary.group(3)), cgroup, line);
    }

    private static LineOutcome<TaskFact> taskSighting(LineOutcome.Accepted<JournalEntry> accepted, JournalEntry entry,
                                                      Matcher task) {
        Upid upid;
        try {
            upid = Upid.parse(task.group(3));
        } catch (InvalidUpidException e) {
            return new LineOutcome.Rejected<>(accepted.lineNumber(), accepted.line(), e.getMessage());
        }
        if ("starting".equals(task.group(2))) {
            return new LineOutcome.Accepted<>(accepted.lineNumber(), accepted.line(), TaskFact.running(upid));
        }
        String status = task.group(4) == null || task.group(4).isBlank() ? null : task.group(4).strip();
        if (status == null) {
            return new LineOutcome.Ignored<>(accepted.lineNumber(), accepted.line(), "an end of task without status");
        }
        return new LineOutcome.Accepted<>(accepted.lineNumber(), accepted.line(), TaskFact.finished(upid,
                entry.time().truncatedTo(ChronoUnit.SECONDS), SUCCESSFUL.equals(status) ? OK : status));
    }

    private static LineOutcome<JournalEntry> ignored(LineOutcome<JournalEntry> outcome, String reason) {
        return new LineOutcome.Ignored<>(outcome.lineNumber(), outcome.line(), reason);
    }
}
