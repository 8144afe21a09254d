package changeledger.ingestion;

import java.time.Instant;
import java.util.Objects;

/**
 * One sighting of a Proxmox task, from any source: its UPID and, once it has finished, its end.
 *
 * @param upid the task
 * @param end  how it ended, or {@code null} while it runs
 */
public record TaskFact(Upid upid, End end) {

    /** Validates the fact. */
    public TaskFact {
        Objects.requireNonNull(upid, "upid");
    }

    /** How a task ended: its end time and its status text ({@code OK}, {@code WARNINGS: N} or an error). */
    public record End(Instant endTime, String status) {

        /** Validates the end. */
        public End {
            Objects.requireNonNull(endTime, "endTime");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A running task. */
    public static TaskFact running(Upid upid) {
        return new TaskFact(upid, null);
    }

    /** A finished task. */
    public static TaskFact finished(Upid upid, Instant endTime, String status) {
        return new TaskFact(upid, new End(endTime, status));
    }

    /** Whether the task had finished when it was seen. */
    public boolean isFinished() {
        return end != null;
    }

    /** The largest end time Proxmox writes: 32-bit Unix seconds (2106-02-07). */
    public static final long MAX_END_TIME = 0xFFFFFFFFL;

    /** Why a number cannot be a task's end time, or null when it can. */
    public static String endTimeProblem(long seconds) {
        return seconds < 0 || seconds > MAX_END_TIME
                ? "end time " + seconds + " is out of range: Proxmox writes 32-bit Unix seconds" : null;
    }
}
