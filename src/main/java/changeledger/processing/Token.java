package changeledger.processing;

import changeledger.eventstore.GlobalCursor;
import java.time.Instant;

/**
 * A processor's token row.
 *
 * @param name             the processor
 * @param generation       the generation readers see
 * @param cursor           how far the active generation has processed
 * @param owner            the instance holding the claim, or null
 * @param leaseUntil       when the claim runs out, or null
 * @param replayGeneration the generation a replay builds, or null when none runs
 * @param replayCursor     how far the replay has processed, or null
 * @param updatedAt        when the active cursor last moved
 */
public record Token(String name, int generation, GlobalCursor cursor, String owner, Instant leaseUntil,
                    Integer replayGeneration, GlobalCursor replayCursor, Instant updatedAt) {

    /** Whether a replay is running. */
    public boolean replaying() {
        return replayGeneration != null;
    }
}
