package changeledger.report;

import java.time.Instant;

/**
 * A stretch of a month in which a source of the host brought nothing (DESIGN "Evidence"): the record may miss what
 * happened then.
 *
 * @param source the source, e.g. {@code task-index} or {@code pull}
 * @param from   when the silence began
 * @param to     when data came again, or null while the gap is open
 */
public record CollectionGap(String source, Instant from, Instant to) {
}
