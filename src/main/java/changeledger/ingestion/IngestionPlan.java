package changeledger.ingestion;

import changeledger.eventstore.AppendRequest;
import java.util.List;

/**
 * The decision on an upload or a chunk of one: what to append and what becomes of every line.
 *
 * @param appends the appends, one per touched stream; empty when nothing is new
 * @param lines   every line's fate, in line order
 */
public record IngestionPlan(List<AppendRequest> appends, List<PlannedLine> lines) {

    /** Copies both lists. */
    public IngestionPlan {
        appends = List.copyOf(appends);
        lines = List.copyOf(lines);
    }
}
