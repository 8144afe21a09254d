package changeledger.config;

import java.util.List;

/**
 * The answer to a snapshot: how many files it held, what it added, and its refused lines (the first
 * {@link #MAX_LISTED}, all counted), each with its file.
 *
 * @param files         files in the snapshot
 * @param baselines     targets recorded for the first time
 * @param drifts        targets that changed, appeared or went away (one {@code ConfigDriftObserved} each)
 * @param unchanged     targets as they were
 * @param rejected      the first refused lines
 * @param rejectedCount every refused line
 */
public record ConfigIngestionResult(int files, int baselines, int drifts, int unchanged, List<LineFault> rejected,
                                    int rejectedCount) {

    /** How many refused lines an answer lists. */
    public static final int MAX_LISTED = 100;

    /** Copies the list. */
    public ConfigIngestionResult {
        rejected = List.copyOf(rejected);
    }
}
