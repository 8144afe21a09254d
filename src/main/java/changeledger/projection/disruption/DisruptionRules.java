package changeledger.projection.disruption;

import changeledger.ingestion.DisruptionWindow;
import changeledger.ingestion.JournalConfig;
import changeledger.ingestion.TaskClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The disruption windows of one target of one host, as a pure function of its task facts (PROXMOX.md "Disruption
 * windows"; the window kind of each type comes from the host's class table). The facts are put in time order first,
 * so the windows do not depend on the order in which the tasks arrived. The rules, in that order:
 * <ul>
 *   <li>an HA request ({@code ha*}) followed within 60 s by the real task of the same kind on the same target is
 *       left out: the real task's times count (also for {@code hastart}, so a window ends when the guest has
 *       really started);</li>
 *   <li>a failed task opens, closes and absorbs nothing; one that has a window kind is listed as a zero-length
 *       window marked failed, at its start;</li>
 *   <li>while a stop window is open, the next finished start-class task of the target ({@code srvrestart} too for a
 *       service) ends it at its own end; a running one leaves it open;</li>
 *   <li>a destroy ends an open window at its own start, then counts as a window of its own;</li>
 *   <li>a guest's migration (ADR 0065) with a stop window open moved the guest offline: the window stays open and goes
 *       with the guest, marked as a migration and carried by it, until its next start or destroy here or on the target
 *       host (the reads end it there, {@link DisruptionRepository#between}); a live migration (of a running guest,
 *       {@link DisruptionWindow#MIGRATION}) adds nothing, a restart migration ({@link DisruptionWindow#RESTART_MIGRATION})
 *       counts as itself, marked as a migration; one that failed counts as itself (a disruption, not a failed task)
 *       unless a stop window is open, where the guest stays stopped; a node's migration counts as itself; a snapshot
 *       that shows a guest gone after a migration carried its window away ends nothing (it is gone because it
 *       moved);</li>
 *   <li>a template conversion ({@code closes-window}) or a {@code retire} entry ends an open window at its own
 *       start and counts as nothing; the target is then retired: its stops add nothing until a finished start (or
 *       any task that counts as a window of its own) brings it back. One that finds no window open does nothing
 *       (facts that arrived later showed the target running then), so a retirement always follows a window that
 *       it ended, which the recomputation from a settled window relies on;</li>
 *   <li>a guest, node or service stop opens a window unless one is open or the target is retired (a stop of a
 *       stopped target adds nothing);</li>
 *   <li>any other task with a window kind counts as itself, unless a stop window is open (it lies inside it); one
 *       that never finished and was cut off by a restart of its node ends there, marked interrupted.</li>
 * </ul>
 * After the cause of every window that did not fail, the fold's state (the open stop window, and no retirement) is
 * the one it has when it starts there from nothing, which the recomputation from a settled window relies on.
 * So the windows of one target never overlap and their minutes can be summed.
 */
public final class DisruptionRules {

    /** How soon after an HA request the real task must start to be the same disruption. */
    public static final Duration HA_FOLLOW_UP = Duration.ofSeconds(60);

    /** How long after a task of the guest ended a journal stop of the guest is still that task's doing. */
    public static final Duration EXPLAINED_WITHIN = Duration.ofSeconds(10);

    /** The task that brings a stopped service back besides {@code srvstart}. */
    static final String SERVICE_RESTART = "srvrestart";

    private static final Comparator<DisruptionTask> TIME_ORDER =
            Comparator.comparing(DisruptionTask::startTime).thenComparing(DisruptionTask::upid);

    private DisruptionRules() {
    }

    /** The windows of one target, from every fact of its tasks (in any order), in time order. */
    public static List<Disruption> windows(Collection<DisruptionTask> tasks) {
        return windowsFrom(tasks, FactPosition.FIRST);
    }

    /** The windows of one target with a guest restart grace of {@code grace}. */
    public static List<Disruption> windows(Collection<DisruptionTask> tasks, Duration grace) {
        return windowsFrom(tasks, FactPosition.FIRST, grace);
    }

    /**
     * The windows of one target that the facts from {@code from} on give, when no window is open at {@code from}
     * (see {@link #restartAt}). {@code tasks} must hold every fact from {@code from}'s second on; facts of that
     * second before {@code from} only decide, like all facts, whether an HA request was followed by its real task.
     */
    public static List<Disruption> windowsFrom(Collection<DisruptionTask> tasks, FactPosition from) {
        return windowsFrom(tasks, from, JournalConfig.DEFAULT_GUEST_RESTART_GRACE);
    }

    /**
     * The windows of one target from {@code from} on, where a guest that stopped by itself and started again within
     * {@code grace} was not disrupted.
     */
    public static List<Disruption> windowsFrom(Collection<DisruptionTask> tasks, FactPosition from, Duration grace) {
        List<DisruptionTask> ordered = new ArrayList<>(tasks);
        ordered.sort(TIME_ORDER);
        List<Disruption> windows = new ArrayList<>();
        DisruptionTask open = null;
        DisruptionTask carried = null;
        boolean retired = false;
        for (DisruptionTask task : withoutExplainedStops(withoutFollowedHaRequests(ordered))) {
            if (FactPosition.of(task).compareTo(from) < 0) {
                continue;
            }
            if (task.finished() && task.failed()) {
                if (guestMigration(task)) {
                    if (open == null) {
                        windows.add(itself(task));
                        retired = false;
                    }
                    continue;
                }
                if (task.window() != DisruptionWindow.NONE && task.window() != DisruptionWindow.CLOSES_WINDOW) {
                    windows.add(failed(task));
                }
                continue;
            }
            if (ends(task) && task.finished()) {
                retired = false;
            }
            if (open != null && ends(task)) {
                if (task.finished()) {
                    if (!restartedWithin(open, task, grace)) {
                        windows.add(stopWindow(open, task.endTime(), task, carried));
                    }
                    open = null;
                    carried = null;
                }
                continue;
            }
            switch (task.window()) {
                case MIGRATION, RESTART_MIGRATION -> {
                    if (!guestMigration(task)) {
                        if (open != null) {
                            windows.add(stopWindow(open, task.startTime(), task, carried));
                            open = null;
                            carried = null;
                        }
                        windows.add(itself(task));
                        retired = false;
                    } else if (open != null) {
                        carried = task;
                    } else if (task.window() == DisruptionWindow.RESTART_MIGRATION) {
                        windows.add(itself(task));
                        retired = false;
                    }
                }
                case DESTROY_CLOSES_WINDOW -> {
                    if (open != null) {
                        windows.add(stopWindow(open, task.startTime(), task, carried));
                        open = null;
                        carried = null;
                    }
                    windows.add(itself(task));
                    retired = false;
                }
                case CLOSES_WINDOW -> {
                    if (open != null && !(carried != null && DisruptionTask.GONE.equals(task.type()))) {
                        windows.add(stopWindow(open, task.startTime(), task, carried));
                        open = null;
                        carried = null;
                        retired = true;
                    }
                }
                case GUEST_STOP_UNTIL_START, NODE_STOP_UNTIL_START -> {
                    if (open == null && !retired) {
                        open = task;
                    }
                }
                case TASK_ITSELF -> {
                    if (open == null) {
                        windows.add(itself(task));
                        retired = false;
                    }
                }
                case NONE -> {
                    // a start with nothing to end, or a type without window
                }
            }
        }
        if (open != null) {
            windows.add(stopWindow(open, null, null, carried));
        }
        windows.sort(Comparator.comparing(Disruption::start).thenComparing(Disruption::key));
        return windows;
    }

    /**
     * From where a target's windows must be recomputed when its facts changed from {@code earliestChange} on. A window
     * whose cause starts before {@link #settledBefore(Instant)} was decided by facts before {@code earliestChange}
     * alone (an HA request looks {@link #HA_FOLLOW_UP} ahead), except the last of them: a stop window whose end may
     * come from a newer fact. So the recomputation starts at the cause of the last window before that time that did
     * not fail, with nothing open: the fold's state right after such a cause is the same as when starting there with
     * nothing open (a stop opens a window only when none is open, a task-itself window counts only then, and a
     * destroy or migration that closes an open window counts itself as it would from an empty state, while the
     * window it closed ends at its start and stays), and the windows before it never reach past it. With no such
     * window nothing is open at that time, and the recomputation starts there.
     *
     * @param earliestChange the start of the earliest task fact that is new or changed
     * @param lastSettled    where the target's last stored task window lies ({@link FactPosition#of(Disruption)})
     *                       that did not fail and starts before {@code settledBefore(earliestChange)}, or null when
     *                       there is none
     */
    public static FactPosition restartAt(Instant earliestChange, FactPosition lastSettled) {
        return restartAt(earliestChange, lastSettled, Duration.ZERO);
    }

    /** {@link #restartAt(Instant, FactPosition)} where guests have a restart grace of {@code grace}. */
    public static FactPosition restartAt(Instant earliestChange, FactPosition lastSettled, Duration grace) {
        Instant settled = settledBefore(earliestChange, grace);
        if (lastSettled == null) {
            return new FactPosition(settled, "");
        }
        if (!lastSettled.start().isBefore(settled)) {
            throw new IllegalArgumentException("the window at " + lastSettled + " is not settled before " + settled);
        }
        return lastSettled;
    }

    /** Before when windows cannot depend on facts that start at {@code earliestChange} or later. */
    public static Instant settledBefore(Instant earliestChange) {
        return settledBefore(earliestChange, Duration.ZERO);
    }

    /**
     * Before when windows cannot depend on facts that start at {@code earliestChange} or later, where a guest stop
     * without a window depends on a start up to {@code grace} after it: a start that arrives late may drop the window
     * of a stop that far back, and a fact that arrives late inside a dropped window must see that stop.
     */
    public static Instant settledBefore(Instant earliestChange, Duration grace) {
        return earliestChange.minus(grace.compareTo(HA_FOLLOW_UP) > 0 ? grace : HA_FOLLOW_UP);
    }

    /**
     * Whether a stop window that a start ends counts as no disruption: the stop was a guest's own (or of no known
     * cause) and the start came within the grace.
     */
    private static boolean restartedWithin(DisruptionTask stop, DisruptionTask start, Duration grace) {
        return DisruptionTask.GUEST_STOPPED.equals(stop.type()) && stop.fromJournal()
                && !start.startTime().isAfter(stop.startTime().plus(grace));
    }

    /**
     * The facts without the journal stops that a task of the target explains: one that did not fail, with a window
     * kind, that ran when the stop was seen or ended at most {@link #EXPLAINED_WITHIN} before (a stop, a shutdown, a
     * reboot, a migration, a destroy).
     */
    private static List<DisruptionTask> withoutExplainedStops(List<DisruptionTask> ordered) {
        List<DisruptionTask> tasks = ordered.stream()
                .filter(t -> !t.fromJournal() && t.window() != DisruptionWindow.NONE && !(t.finished() && t.failed()))
                .toList();
        if (tasks.isEmpty()) {
            return ordered;
        }
        List<DisruptionTask> kept = new ArrayList<>(ordered.size());
        for (DisruptionTask fact : ordered) {
            if (!fact.explainableStop() || tasks.stream().noneMatch(task -> explains(task, fact.startTime()))) {
                kept.add(fact);
            }
        }
        return kept;
    }

    private static boolean explains(DisruptionTask task, Instant stoppedAt) {
        if (task.startTime().isAfter(stoppedAt)) {
            return false;
        }
        Instant end = task.finished() ? task.endTime() : task.interruptedAt();
        return end == null || !stoppedAt.isAfter(end.plus(EXPLAINED_WITHIN));
    }

    /** Whether a task ends an open stop window of its target: a start-class task, or a restart of a service. */
    static boolean ends(DisruptionTask task) {
        return task.taskClass() == TaskClass.START
                || (task.target().startsWith(DisruptionTask.SERVICE_PREFIX) && SERVICE_RESTART.equals(task.type()));
    }

    /** The tasks without the HA requests that the real task followed within {@link #HA_FOLLOW_UP}. */
    private static List<DisruptionTask> withoutFollowedHaRequests(List<DisruptionTask> ordered) {
        List<DisruptionTask> kept = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            DisruptionTask task = ordered.get(i);
            if (!task.haRequest() || !followedByRealTask(ordered, i)) {
                kept.add(task);
            }
        }
        return kept;
    }

    private static boolean followedByRealTask(List<DisruptionTask> ordered, int index) {
        DisruptionTask request = ordered.get(index);
        Instant latest = request.startTime().plus(HA_FOLLOW_UP);
        for (int j = index - 1; j >= 0 && ordered.get(j).startTime().equals(request.startTime()); j--) {
            if (realTaskOf(request, ordered.get(j))) {
                return true;
            }
        }
        for (int j = index + 1; j < ordered.size() && !ordered.get(j).startTime().isAfter(latest); j++) {
            if (realTaskOf(request, ordered.get(j))) {
                return true;
            }
        }
        return false;
    }

    private static boolean realTaskOf(DisruptionTask request, DisruptionTask candidate) {
        if (candidate.haRequest()) {
            return false;
        }
        if (request.window().migration()) {
            return candidate.window().migration();
        }
        if (request.window() != DisruptionWindow.NONE) {
            return candidate.window() == request.window();
        }
        return request.taskClass() == TaskClass.START && candidate.taskClass() == TaskClass.START;
    }

    private static Disruption failed(DisruptionTask task) {
        return new Disruption(task.hostId(), task.target(), task.guest(), task.startTime(), task.startTime(),
                task.type(), task.upid(), null, null, true, task.window().migration());
    }

    /** A task's own span; one that never finished ends where its node's restart cut it off, if it did. */
    private static Disruption itself(DisruptionTask task) {
        boolean interrupted = !task.finished() && task.interruptedAt() != null;
        Instant end = interrupted ? task.interruptedAt() : task.endTime();
        return new Disruption(task.hostId(), task.target(), task.guest(), task.startTime(),
                notBefore(end, task.startTime()), task.type(), task.upid(), null, null, false,
                task.window().migration(), false, null, null, interrupted);
    }

    /**
     * A stop window, ended at {@code end} by {@code closer} (a task or a {@code retire} entry), or open (nulls); one
     * that a migration {@code carried} to another host is marked as a migration, and while open names that migration
     * as what it waits on (its {@code closedBy} and {@code closedByUpid}, with no end).
     */
    private static Disruption stopWindow(DisruptionTask stop, Instant end, DisruptionTask closer,
                                         DisruptionTask carried) {
        DisruptionTask by = closer == null ? carried : closer;
        String entryId = by == null ? null : by.entryId();
        String closedByUpid = by == null || entryId != null ? null : by.upid();
        return new Disruption(stop.hostId(), stop.target(), stop.guest(), stop.startTime(),
                notBefore(end, stop.startTime()), stop.type(), stop.upid(), closedByUpid, null, false, carried != null,
                true, by == null ? null : by.type(), entryId, false);
    }

    /** Whether a task is the migration of a guest (a node's bulk migration is not). */
    private static boolean guestMigration(DisruptionTask task) {
        return task.window().migration() && task.guest() != null;
    }

    /** An end, or {@code start} when a node's clock put it earlier (a window never ends before it starts). */
    private static Instant notBefore(Instant end, Instant start) {
        return end == null || !end.isBefore(start) ? end : start;
    }
}
