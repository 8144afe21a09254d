package changeledger.journal;

import changeledger.domain.ProblemException;
import changeledger.journal.ManualEntryCommand.RecordEntry;
import changeledger.journal.ManualEntryCommand.RetractEntry;
import changeledger.journal.ManualEntryEvent.Disruption;
import changeledger.journal.ManualEntryEvent.ManualEntryRecorded;
import changeledger.journal.ManualEntryEvent.ManualEntryRetracted;
import java.time.Instant;
import java.util.List;

/**
 * The state of one manual entry and its pure decide/evolve functions.
 *
 * @param recorded  the entry as recorded, or null before the first event
 * @param retracted the retraction, or null while the entry stands
 */
public record ManualEntry(ManualEntryRecorded recorded, ManualEntryRetracted retracted) {

    /** Before the first event. */
    public static final ManualEntry NONE = new ManualEntry(null, null);

    /** Whether the entry exists. */
    public boolean exists() {
        return recorded != null;
    }

    /** The events a command causes. */
    public static List<ManualEntryEvent> decide(ManualEntryCommand command, ManualEntry state, Instant now) {
        if (command instanceof RecordEntry record) {
            if (state.exists()) {
                throw ProblemException.conflict("Entry '" + record.entryId() + "' exists already.");
            }
            return List.of(new ManualEntryRecorded(record.hostId(), record.entryId(), record.kind(), record.summary(),
                    record.details(), record.occurredAt(), record.target(), record.disruption(),
                    record.changeRequestId()));
        }
        RetractEntry retract = (RetractEntry) command;
        if (!state.exists()) {
            throw ProblemException.notFound("Host '" + retract.hostId() + "' has no entry '" + retract.entryId()
                    + "'.");
        }
        if (state.retracted() != null) {
            throw ProblemException.conflict("Entry '" + retract.entryId() + "' was retracted at "
                    + state.retracted().retractedAt() + " (" + state.retracted().reason()
                    + "); record a new entry to correct it.");
        }
        return List.of(new ManualEntryRetracted(retract.hostId(), retract.entryId(), retract.reason(), now));
    }

    /** The state after an event. */
    public static ManualEntry evolve(ManualEntry state, ManualEntryEvent event) {
        if (event instanceof ManualEntryRecorded recorded) {
            return new ManualEntry(recorded, null);
        }
        return new ManualEntry(state.recorded(), (ManualEntryRetracted) event);
    }

    /** The disruption window, or null. */
    public Disruption disruption() {
        return recorded == null ? null : recorded.disruption();
    }
}
