package changeledger.journal;

import java.time.Instant;

/** Events of a manual entry: one stream per entry, {@code <hostId>/<entryId>}. */
public sealed interface ManualEntryEvent {

    /** The aggregate type of manual entries in the event store. */
    String AGGREGATE_TYPE = "ManualEntry";

    /** The host the entry is about. */
    String hostId();

    /** The entry id. */
    String entryId();

    /** A window in which something was disrupted. */
    record Disruption(Instant start, Instant end) {
    }

    /** An entry was recorded; the event's occurred-at is the entry's {@code occurredAt}. */
    record ManualEntryRecorded(String hostId, String entryId, EntryKind kind, String summary, String details,
                               Instant occurredAt, String target, Disruption disruption, String changeRequestId)
            implements ManualEntryEvent {
    }

    /** An entry was retracted: it stays in the log but stops counting. */
    record ManualEntryRetracted(String hostId, String entryId, String reason, Instant retractedAt)
            implements ManualEntryEvent {
    }
}
