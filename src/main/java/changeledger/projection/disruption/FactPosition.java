package changeledger.projection.disruption;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in the time order in which the disruption rules read a target's task facts: by start, then by UPID. UPIDs
 * compare by their UTF-16 code units, which for their ASCII text is the byte order of PostgreSQL's {@code "C"}
 * collation; the empty UPID lies before every task of its second.
 *
 * @param start a start time
 * @param upid  a UPID, or {@code ""}
 */
public record FactPosition(Instant start, String upid) implements Comparable<FactPosition> {

    /** Before every fact. */
    public static final FactPosition FIRST = new FactPosition(Instant.MIN, "");

    private static final Comparator<FactPosition> ORDER =
            Comparator.comparing(FactPosition::start).thenComparing(FactPosition::upid);

    /** Validates the position. */
    public FactPosition {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(upid, "upid");
    }

    /** Where a task's fact lies. */
    public static FactPosition of(DisruptionTask task) {
        return new FactPosition(task.startTime(), task.upid());
    }

    /** Where a task window lies: at its cause. */
    public static FactPosition of(Disruption window) {
        return new FactPosition(window.start(), window.key());
    }

    @Override
    public int compareTo(FactPosition other) {
        return ORDER.compare(this, other);
    }
}
