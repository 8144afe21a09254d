package changeledger.ingestion;

import changeledger.eventstore.AppendResult;
import java.util.List;

/**
 * The answer to an ingestion upload: lines that added at least one event, lines that added none,
 * lines that are not changes, and lines refused with their reasons. Its size is bounded whatever the
 * upload: {@code rejected} lists at most the first {@link RejectedLines#MAX_LISTED} refused lines, each
 * echoed up to {@link RejectedLines#MAX_ECHOED_BYTES} bytes; {@code rejectedCount} counts them all.
 *
 * @param accepted      lines or items that added at least one event
 * @param duplicates    lines or items that added none (already recorded)
 * @param ignored       lines that are not changes (e.g. access-log reads)
 * @param rejected      the first refused lines, in line order
 * @param rejectedCount every refused line
 */
public record IngestionResult(int accepted, int duplicates, int ignored, List<RejectedLine> rejected,
                              int rejectedCount) {

    /**
     * A refused line.
     *
     * @param lineNumber its number (or the JSON item's position), from 1
     * @param line       the line as received (cut short past {@link RejectedLines#MAX_ECHOED_BYTES} bytes)
     * @param reason     why it was refused
     */
    public record RejectedLine(int lineNumber, String line, String reason) {
    }

    /** Copies the rejected lines. */
    public IngestionResult {
        rejected = List.copyOf(rejected);
        if (rejectedCount < rejected.size()) {
            throw new IllegalArgumentException("rejectedCount " + rejectedCount + " < " + rejected.size());
        }
    }

    /** A result whose rejected lines are all listed. */
    public IngestionResult(int accepted, int duplicates, int ignored, List<RejectedLine> rejected) {
        this(accepted, duplicates, ignored, rejected, rejected.size());
    }

    /** Counts a plan's lines once its appends are done: a line counts as accepted if any of its events is new. */
    public static IngestionResult tally(IngestionPlan plan, AppendResult appended) {
        IngestionTally tally = new IngestionTally();
        tally.add(plan, appended);
        return tally.result();
    }

    /**
     * Whether the upload is unprocessable (422): lines were rejected and none was accepted, a duplicate
     * or ignored. An upload with no lines at all is not (a collector with nothing new sends one).
     */
    public boolean unprocessable() {
        return rejectedCount > 0 && accepted == 0 && duplicates == 0 && ignored == 0;
    }
}
