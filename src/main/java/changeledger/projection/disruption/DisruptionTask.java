package changeledger.projection.disruption;

import changeledger.projection.ObservedTarget;
import changeledger.host.ChangeTarget;
import changeledger.ingestion.DisruptionWindow;
import changeledger.ingestion.ProxmoxNotificationReceived;
import changeledger.ingestion.TaskClass;
import java.time.Instant;
import java.util.Objects;

/**
 * What the disruption rules need of one task: its target, its window kind and class (from the host's class table when
 * the task was projected), its times and its outcome. A task is known from its start, and completed by its finish.
 *
 * @param hostId    the host
 * @param upid      the UPID, the task's key on its host
 * @param target    what it acts on, in change requests' terms: a guest id ({@code "101"}), {@code "node"},
 *                  {@code "service:<name>"} or {@code "storage:<id>"}
 * @param guest     the guest id when the target is a guest, else null
 * @param type      the task type
 * @param window    the window kind its type opens
 * @param taskClass its class ({@link TaskClass#START} tasks end a stop window)
 * @param startTime when it started
 * @param endTime   when it ended, or null while only its start is known
 * @param failed    whether it finished with a failure (false while running)
 * @param pstart    the worker's process start from the UPID (clock ticks since boot), or {@link #NO_PSTART}
 * @param interruptedAt when a task that has not finished was cut off by a restart of its node: the start of the first
 *                  later task of the host with a lower {@code pstart}; null when none is known
 */
public record DisruptionTask(String hostId, String upid, String target, String guest, String type,
                             DisruptionWindow window, TaskClass taskClass, Instant startTime, Instant endTime,
                             boolean failed, long pstart, Instant interruptedAt) {

    /** The prefix of a service target. */
    public static final String SERVICE_PREFIX = "service:";

    /** The {@code pstart} of a fact that is no task (a {@code retire} entry). */
    public static final long NO_PSTART = -1;

    /** The type of a {@code retire} entry's fact. */
    public static final String RETIRE = "retire";

    /** The type of the fact of a configuration snapshot that shows a guest gone. */
    public static final String GONE = "gone";

    /** The prefix of the key of a gone guest's fact: the drift's event id follows. */
    static final String DRIFT_PREFIX = "drift:";

    /** The prefix of the key of a fencing notification's fact: the notification's event id follows. */
    static final String NOTIFICATION_PREFIX = "notification:";

    /** The prefix of a manual entry's fact key, in place of a UPID (UPIDs start with {@code UPID:}). */
    static final String ENTRY_PREFIX = "entry:";

    /** The prefix of the key of a journal observation's fact: the event's id follows. */
    public static final String JOURNAL_PREFIX = "journal:";

    /**
     * The type of the fact of a guest whose QEMU ended for a reason no line tells, or because the guest asked: a
     * disruption only when the guest does not start again within the restart grace.
     */
    public static final String GUEST_STOPPED = "guest-stopped";

    /** The type of the fact of a guest whose QEMU shut down uncleanly (a verbose qmeventd says so). */
    public static final String GUEST_CRASHED = "guest-crashed";

    /** The type of the fact of a guest's process killed for memory. */
    public static final String GUEST_KILLED = "guest-killed";

    /** The type of the fact of a guest started outside a task (a restart by {@code qm cleanup}). */
    public static final String GUEST_STARTED = "guest-started";

    /** The type of the fact of a node that booted without a clean shutdown before. */
    public static final String NODE_UNCLEAN_BOOT = "node-unclean-boot";

    /** A fact without its process start and interruption (tests, and facts that are no task). */
    public DisruptionTask(String hostId, String upid, String target, String guest, String type,
                          DisruptionWindow window, TaskClass taskClass, Instant startTime, Instant endTime,
                          boolean failed) {
        this(hostId, upid, target, guest, type, window, taskClass, startTime, endTime, failed, NO_PSTART, null);
    }

    /**
     * The fact of a {@code retire} entry: it ends the guest's open window at {@code occurredAt}, like a template
     * conversion ({@link DisruptionWindow#CLOSES_WINDOW}). Its key is {@code entry:<entryId>}; it is finished at its
     * time, and its class is of no matter to the rules (it is no start).
     */
    public static DisruptionTask retire(String hostId, String entryId, String guest, Instant occurredAt) {
        return new DisruptionTask(hostId, Disruption.entryKey(entryId), guest, guest, RETIRE,
                DisruptionWindow.CLOSES_WINDOW, TaskClass.UNKNOWN, occurredAt, occurredAt, false);
    }

    /**
     * The fact of a configuration drift that shows a guest gone (DESIGN "Domain": a snapshot that shows it gone ends
     * its open window): it ends the window at the snapshot's time, like a {@code retire} entry. Its key is
     * {@code drift:<eventId>}; such a fact is never retracted.
     */
    public static DisruptionTask gone(String hostId, String eventId, String guest, Instant seenGone) {
        return new DisruptionTask(hostId, DRIFT_PREFIX + eventId, guest, guest, GONE, DisruptionWindow.CLOSES_WINDOW,
                TaskClass.UNKNOWN, seenGone, seenGone, false);
    }

    /**
     * The fact of a fencing notification for the host's own node (DESIGN "Journal, Proxmox notifications"): the HA
     * manager fences a node it lost, so the node is down from the notification on, like a node stop until its next
     * start ({@code startall} on boot). Its key is {@code notification:<eventId>}, its type {@code fencing}; it is
     * finished at its time and never retracted.
     */
    public static DisruptionTask fencing(String hostId, String eventId, Instant sentAt) {
        return new DisruptionTask(hostId, NOTIFICATION_PREFIX + eventId, ChangeTarget.NODE, null,
                ProxmoxNotificationReceived.FENCING, DisruptionWindow.NODE_STOP_UNTIL_START, TaskClass.UNKNOWN,
                sentAt, sentAt, false);
    }

    /**
     * The fact of a fencing the HA manager logged ({@code NodeFencedObserved}, read from another node's journal): the
     * fenced node's host is down from then on until its next start, as with a fencing notification. Its key is
     * {@code journal:<eventId>}, its type {@code fencing}.
     */
    public static DisruptionTask journalFencing(String fencedHostId, String eventId, Instant at) {
        return new DisruptionTask(fencedHostId, JOURNAL_PREFIX + eventId, ChangeTarget.NODE, null,
                ProxmoxNotificationReceived.FENCING, DisruptionWindow.NODE_STOP_UNTIL_START, TaskClass.UNKNOWN, at, at,
                false);
    }

    /**
     * The fact of a guest's QEMU that ended ({@code GuestStopObserved}): a stop window until the guest starts again,
     * which counts only without a start within the restart grace when {@code graced}. Its key is
     * {@code journal:<eventId>}.
     */
    public static DisruptionTask journalStop(String hostId, String eventId, String guest, Instant at, boolean graced) {
        return new DisruptionTask(hostId, JOURNAL_PREFIX + eventId, guest, guest, graced ? GUEST_STOPPED : GUEST_CRASHED,
                DisruptionWindow.GUEST_STOP_UNTIL_START, TaskClass.UNKNOWN, at, at, false);
    }

    /**
     * The fact of a memory kill of a guest's process ({@code GuestKilledObserved}): a VM's QEMU killed is a stop window
     * until the guest starts again; a container's process killed is a disruption of unknown length, listed at its time.
     */
    public static DisruptionTask journalKill(String hostId, String eventId, String guest, Instant at,
                                             boolean wholeGuest) {
        return new DisruptionTask(hostId, JOURNAL_PREFIX + eventId, guest, guest, GUEST_KILLED,
                wholeGuest ? DisruptionWindow.GUEST_STOP_UNTIL_START : DisruptionWindow.TASK_ITSELF, TaskClass.UNKNOWN,
                at, at, false);
    }

    /** The fact of a guest started outside a task ({@code GuestStartObserved}): it ends the guest's stop window. */
    public static DisruptionTask journalStart(String hostId, String eventId, String guest, Instant at) {
        return new DisruptionTask(hostId, JOURNAL_PREFIX + eventId, guest, guest, GUEST_STARTED, DisruptionWindow.NONE,
                TaskClass.START, at, at, false);
    }

    /**
     * The fact of a boot after no clean shutdown ({@code NodeBootObserved}): a node window from the last line of the
     * boot before to the boot.
     */
    public static DisruptionTask nodeUncleanBoot(String hostId, String eventId, Instant lastLine, Instant boot) {
        return new DisruptionTask(hostId, JOURNAL_PREFIX + eventId, ChangeTarget.NODE, null, NODE_UNCLEAN_BOOT,
                DisruptionWindow.TASK_ITSELF, TaskClass.UNKNOWN, lastLine, boot.isBefore(lastLine) ? lastLine : boot,
                false);
    }

    /** The event id in a fact key of a journal observation or a notification, or null for any other key. */
    static String eventIdOf(String key) {
        if (key == null) {
            return null;
        }
        if (key.startsWith(JOURNAL_PREFIX)) {
            return key.substring(JOURNAL_PREFIX.length());
        }
        return key.startsWith(NOTIFICATION_PREFIX) ? key.substring(NOTIFICATION_PREFIX.length()) : null;
    }

    /** Whether this fact was read from the node's journal rather than from a task. */
    public boolean fromJournal() {
        return upid.startsWith(JOURNAL_PREFIX);
    }

    /** Whether this is a journal stop that a task of the same target may explain. */
    boolean explainableStop() {
        return fromJournal() && (GUEST_STOPPED.equals(type) || GUEST_CRASHED.equals(type));
    }

    /** Validates the fact. */
    public DisruptionTask {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(upid, "upid");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(taskClass, "taskClass");
        Objects.requireNonNull(startTime, "startTime");
    }

    /**
     * The target of a task, as change requests see it ({@link ObservedTarget#ofTask}): {@code service:<id>} for
     * service tasks, the guest id, else {@code node}.
     */
    public static String targetOf(String type, String taskId) {
        return ObservedTarget.ofTask(type, taskId);
    }

    /** The guest a target names, or null for the node, a service or a storage. */
    public static String guestOf(String target) {
        return ChangeTarget.isGuest(target) ? target : null;
    }

    /** Whether the rules look at a task of this kind and class at all. */
    public static boolean relevant(DisruptionWindow window, TaskClass taskClass) {
        return window != DisruptionWindow.NONE || taskClass == TaskClass.START;
    }

    /** Whether the task has finished. */
    public boolean finished() {
        return endTime != null;
    }

    /** Whether the task finished without failure. */
    public boolean succeeded() {
        return endTime != null && !failed;
    }

    /** The entry id when this fact is a manual entry's ({@code retire}), else null. */
    public String entryId() {
        return upid.startsWith(ENTRY_PREFIX) ? upid.substring(ENTRY_PREFIX.length()) : null;
    }

    /** This fact, cut off by a restart of its node at {@code at}. */
    public DisruptionTask interruptedAt(Instant at) {
        return new DisruptionTask(hostId, upid, target, guest, type, window, taskClass, startTime, endTime, failed,
                pstart, at);
    }

    /** Whether it is an HA request ({@code ha*}): the real {@code qm*}/{@code vz*} task follows it. */
    public boolean haRequest() {
        return type.startsWith("ha");
    }

    /**
     * This fact with what {@code other} (the same task, seen again) adds: its finish, and the earlier of the two
     * interruptions. The result does not depend on which of the two arrived first.
     */
    public DisruptionTask merge(DisruptionTask other) {
        if (!upid.equals(other.upid) || !hostId.equals(other.hostId)) {
            throw new IllegalArgumentException("cannot merge task " + other.upid + " into " + upid);
        }
        DisruptionTask merged = finished() || !other.finished() ? this : other;
        Instant interrupted = interruptedAt == null ? other.interruptedAt
                : other.interruptedAt == null || interruptedAt.isBefore(other.interruptedAt) ? interruptedAt
                : other.interruptedAt;
        long knownPstart = Math.max(pstart, other.pstart);
        if (Objects.equals(interrupted, merged.interruptedAt) && knownPstart == merged.pstart) {
            return merged;
        }
        return new DisruptionTask(hostId, upid, target, guest, type, window, taskClass, startTime, merged.endTime,
                merged.failed, knownPstart, interrupted);
    }
}
