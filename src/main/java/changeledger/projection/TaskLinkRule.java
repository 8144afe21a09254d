package changeledger.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The one rule that links an access-log change to the Proxmox task it spawned (DESIGN "Access-log changes"): the
 * same host, the same guest (or neither names one: the node itself), and the call logged within {@link #WINDOW}
 * of the task's start, before or after it. Where several tasks qualify, the call belongs to the nearest; on a tie
 * to the one that started first, then to the lower stream id, so the answer depends on the events alone, never on
 * the order they arrived in. A linked change is the task's trace, so stats and budgets count the task only.
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

    /** Whether the call links to the task: the same target, within the window. */
    public static boolean links(Target call, Instant callTime, Target task, Instant taskStart) {
        return call.equals(task) && inWindow(callTime, taskStart);
    }

    /**
     * Orders qualifying tasks for one call, the one it links to first: nearer start, then earlier start, then the
     * lower stream id ({@code <hostId>/<UPID>}).
     */
    public static <T> Comparator<T> preference(Instant call, Function<T, Instant> start,
                                               Function<T, String> stream) {
        return Comparator.<T, Duration>comparing(task -> Duration.between(call, start.apply(task)).abs())
                .thenComparing(start)
                .thenComparing(stream);
    }

    /**
     * What a call and a task must share to link.
     *
     * @param hostId the host
     * @param guest  the guest id as raw text, or null for the node itself
     */
    public record Target(String hostId, String guest) {
    }
}
