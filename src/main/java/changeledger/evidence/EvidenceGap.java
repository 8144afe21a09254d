package changeledger.evidence;

import java.time.Instant;

/**
 * A stretch in which a host's record may miss changes.
 *
 * @param source the source that went silent or reported a possible loss
 * @param from   when the silence began
 * @param to     when data came again, or null while the gap is open
 */
public record EvidenceGap(String source, Instant from, Instant to) {

    /** Whether it is still open. */
    public boolean open() {
        return to == null;
    }

    /** Whether it overlaps {@code [start, end)}. */
    public boolean overlaps(Instant start, Instant end) {
        return from.isBefore(end) && (to == null || to.isAfter(start));
    }
}
