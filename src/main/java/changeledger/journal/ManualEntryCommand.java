package changeledger.journal;

import changeledger.journal.ManualEntryEvent.Disruption;
import java.time.Instant;

/** Commands of a manual entry. */
public sealed interface ManualEntryCommand {

    /** The host. */
    String hostId();

    /** The entry. */
    String entryId();

    /** Record a new entry. */
    record RecordEntry(String hostId, String entryId, EntryKind kind, String summary, String details,
                       Instant occurredAt, String target, Disruption disruption, String changeRequestId)
            implements ManualEntryCommand {
    }

    /** Retract an entry, with the reason. */
    record RetractEntry(String hostId, String entryId, String reason) implements ManualEntryCommand {
    }
}
