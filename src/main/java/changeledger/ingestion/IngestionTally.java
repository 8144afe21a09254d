package changeledger.ingestion;

import changeledger.eventstore.AppendResult;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Counts an upload's lines as its chunks are decided and appended; what it keeps is bounded (see
 * {@link RejectedLines}), so it may see any number of chunks.
 */
final class IngestionTally {

    private final RejectedLines rejected = new RejectedLines();
    private int accepted;
    private int duplicates;
    private int ignored;

    /** Counts a plan's lines once its appends are done: a line counts as accepted if any of its events is new. */
    void add(IngestionPlan plan, AppendResult appended) {
        Set<UUID> stored = new HashSet<>();
        appended.appended().forEach(a -> stored.add(a.eventId()));
        for (PlannedLine line : plan.lines()) {
            switch (line.kind()) {
                case NEW_EVENTS -> {
                    if (line.eventIds().stream().anyMatch(stored::contains)) {
                        accepted++;
                    } else {
                        duplicates++;
                    }
                }
                case DUPLICATE -> duplicates++;
                case IGNORED -> ignored++;
                case REJECTED -> rejected.add(line.lineNumber(), line.line(), line.reason());
                default -> throw new IllegalStateException("unknown kind " + line.kind());
            }
        }
    }

    /** Counts a line that is not a change, without a plan. */
    void ignore() {
        ignored++;
    }

    /** Counts a refused line, without a plan. */
    void reject(int lineNumber, String line, String reason) {
        rejected.add(lineNumber, line, reason);
    }

    /** The answer so far. */
    IngestionResult result() {
        return new IngestionResult(accepted, duplicates, ignored, rejected.listed(), rejected.count());
    }
}
