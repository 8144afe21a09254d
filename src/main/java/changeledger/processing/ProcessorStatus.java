package changeledger.processing;

/**
 * What the processor listing, the metrics and readiness show of one processor.
 *
 * @param name           the processor
 * @param position       the position of the last event its active generation processed (0 before the first)
 * @param generation     the generation readers see
 * @param lagEvents      committed events it has not processed yet (including those held back by open transactions),
 *                       counted up to a limit
 * @param lagEventsAtLeast whether the count stopped at that limit: the lag is at least {@code lagEvents}
 * @param lagSeconds     how long the oldest of them has waited, 0 when none
 * @param owner          the instance holding the claim, or null
 * @param replaying      whether a replay builds the next generation
 * @param replayPosition how far that replay is, or null
 */
public record ProcessorStatus(String name, long position, int generation, long lagEvents, boolean lagEventsAtLeast,
                              double lagSeconds,
                              String owner, boolean replaying, Long replayPosition) {
}
