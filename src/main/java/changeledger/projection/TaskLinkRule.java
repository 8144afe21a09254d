package changeledger.projection;

import changeledger.ingestion.ApiCallKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The one rule that links an access-log call to the Proxmox task it spawned (PROXMOX.md "Access-log calls"): the same
 * host, a task type the call spawns ({@link ApiCallKind#spawns()}), the same guest when the call's path names one,
 * and the call logged within {@link #WINDOW} of the task's start, before or after it. One call links to one task
 * and one task to at most one call: among all pairs that qualify, nearer pairs are matched first; on a tie the task
 * that started first, then the lower task stream id, then the earlier call, then the lower call event id. So the
 * answer depends on the events alone, never on the order they arrived in. A synchronous call spawns nothing and is
 * never linked. A linked call is the task's trace: stats and budgets count the task only.
 */
public final class TaskLinkRule {

    /** How far apart a call and the start of the task it spawned may lie, either way (inclusive). */
    public static final Duration WINDOW = Duration.ofSeconds(5);

    private TaskLinkRule() {
    }

    /** Whether a call logged at {@code call} lies within the window of a task that started at {@code taskStart}. */
    public static boolean inWindow(Instant call, Instant taskStart) {
        return Duration.between(call, taskStart).abs().compareTo(WINDOW) <= 0;
    }

    /**
     * Whether a call may be the one that spawned a task.
     *
     * @param call the call: its host, the guest its path names (or null), the task types it spawns, when it was logged
     * @param task the task: its host, guest id (or null), type and start
     */
    public static boolean mayLink(Call call, Task task) {
        return call.hostId().equals(task.hostId())
                && ApiCallKind.spawns(call.spawns(), task.type())
                && (call.guest() == null || call.guest().equals(task.guest()))
                && inWindow(call.at(), task.start());
    }

    /** The order in which qualifying pairs are matched: the pair that comes first links first. */
    public static <P> Comparator<P> pairOrder(java.util.function.Function<P, Call> call,
                                              java.util.function.Function<P, Task> task) {
        return Comparator.<P, Duration>comparing(p -> Duration.between(call.apply(p).at(), task.apply(p).start()).abs())
                .thenComparing(p -> task.apply(p).start())
                .thenComparing(p -> task.apply(p).stream())
                .thenComparing(p -> call.apply(p).at())
                .thenComparing(p -> call.apply(p).id());
    }

    /**
     * What the rule needs of a call.
     *
     * @param hostId the host
     * @param guest  the guest its path names, or null
     * @param spawns the task types it spawns
     * @param at     when it was logged
     * @param id     its event id, for a stable tie-break
     */
    public record Call(String hostId, String guest, List<String> spawns, Instant at, String id) {

        /** Validates the call. */
        public Call {
            Objects.requireNonNull(hostId, "hostId");
            Objects.requireNonNull(at, "at");
            spawns = List.copyOf(spawns);
        }
    }

    /**
     * What the rule needs of a task.
     *
     * @param hostId the host
     * @param guest  its UPID's id when that is a guest, or null
     * @param type   its type
     * @param start  when it started
     * @param stream its stream id ({@code <hostId>/<UPID>}), for a stable tie-break
     */
    public record Task(String hostId, String guest, String type, Instant start, String stream) {
    }
}
