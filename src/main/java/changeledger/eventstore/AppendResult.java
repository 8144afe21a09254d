package changeledger.eventstore;

import java.util.List;
import java.util.UUID;

/**
 * What an append stored.
 *
 * @param appended   the events stored now, with their positions
 * @param duplicates ids of events that were already stored with the same payload (no-ops)
 */
public record AppendResult(List<Appended> appended, List<UUID> duplicates) {

    /** One stored event. */
    public record Appended(UUID eventId, AggregateRef aggregate, long sequence, long position) {
    }

    /** Whether the append added at least one event. */
    public boolean addedAny() {
        return !appended.isEmpty();
    }
}
