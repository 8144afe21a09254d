package changeledger.projection.disruption;

import changeledger.eventstore.EventCodec;
import changeledger.eventstore.StoredEvent;
import changeledger.projection.ObservedTarget;
import changeledger.host.ChangeTarget;
import changeledger.journal.EntryKind;
import changeledger.journal.ManualEntryEvent;
import changeledger.journal.ManualEntryEvent.ManualEntryRecorded;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The manual entries' side of the windows: a recorded entry with a {@code disruption: {start, end}} is a window of that
 * span, cause {@code manual}; a {@code retire} entry is a fact of its guest, folded with its tasks
 * ({@link DisruptionTask#retire}); a retraction removes either.
 */
final class ManualDisruption {

    private final EventCodec<ManualEntryEvent> codec;

    ManualDisruption(ObjectMapper mapper) {
        this.codec = new EventCodec<>(ManualEntryEvent.class, mapper, Map.of());
    }

    /** What an entry event does to its window; empty for any other event. */
    Optional<Change> change(StoredEvent event) {
        if (!ManualEntryEvent.AGGREGATE_TYPE.equals(event.aggregate().type()) || !codec.knows(event.type())) {
            return Optional.empty();
        }
        ManualEntryEvent decoded = codec.decode(event);
        Disruption window = null;
        DisruptionTask retire = null;
        if (decoded instanceof ManualEntryRecorded recorded) {
            if (recorded.disruption() != null && recorded.disruption().start() != null) {
                window = window(recorded);
            }
            if (recorded.kind() == EntryKind.RETIRE && ChangeTarget.isGuest(recorded.target())
                    && recorded.occurredAt() != null) {
                retire = DisruptionTask.retire(recorded.hostId(), recorded.entryId(), recorded.target(),
                        recorded.occurredAt());
            }
        }
        return Optional.of(new Change(decoded.hostId(), decoded.entryId(), Optional.ofNullable(window),
                Optional.ofNullable(retire)));
    }

    private static Disruption window(ManualEntryRecorded recorded) {
        String target = ObservedTarget.ofManualEntry(recorded.target());
        Instant start = recorded.disruption().start();
        Instant end = recorded.disruption().end();
        if (end != null && end.isBefore(start)) {
            end = start;
        }
        return new Disruption(recorded.hostId(), target, DisruptionTask.guestOf(target), start, end,
                Disruption.MANUAL, null, null, recorded.entryId(), false, false);
    }

    /**
     * An entry's window after one of its events.
     *
     * @param hostId  the host
     * @param entryId the entry
     * @param window  the window it declares; empty when it declares none or was retracted
     * @param retire  the fact of a {@code retire} entry; empty for other entries, and once retracted
     */
    record Change(String hostId, String entryId, Optional<Disruption> window, Optional<DisruptionTask> retire) {

        /** The window's key among the host's windows. */
        String key() {
            return Disruption.entryKey(entryId);
        }
    }
}
