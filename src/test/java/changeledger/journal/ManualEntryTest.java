package changeledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.domain.ProblemException;
import changeledger.journal.ManualEntryCommand.RecordEntry;
import changeledger.journal.ManualEntryCommand.RetractEntry;
import changeledger.journal.ManualEntryEvent.Disruption;
import changeledger.journal.ManualEntryEvent.ManualEntryRecorded;
import changeledger.journal.ManualEntryEvent.ManualEntryRetracted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The manual entry's decide/evolve, without Quarkus. */
class ManualEntryTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final RecordEntry RECORD = new RecordEntry("infra", "e-1", EntryKind.CHANGE, "apt full-upgrade",
            "kernel 6.8.12-4", NOW.minusSeconds(3600), "node",
            new Disruption(NOW.minusSeconds(3600), NOW.minusSeconds(3000)), null);

    @Nested
    class Recording {

        @Test
        void givenNoEntry_whenRecorded_thenOneEventWithEveryField() {
            List<ManualEntryEvent> events = ManualEntry.decide(RECORD, ManualEntry.NONE, NOW);

            assertThat(events).containsExactly(new ManualEntryRecorded("infra", "e-1", EntryKind.CHANGE,
                    "apt full-upgrade", "kernel 6.8.12-4", NOW.minusSeconds(3600), "node", RECORD.disruption(), null));
        }

        @Test
        void givenExistingEntry_whenRecordedAgain_thenConflict() {
            ManualEntry state = ManualEntry.evolve(ManualEntry.NONE, ManualEntry.decide(RECORD, ManualEntry.NONE, NOW).get(0));

            assertThatThrownBy(() -> ManualEntry.decide(RECORD, state, NOW)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(409));
        }
    }

    @Nested
    class Retracting {

        @Test
        void givenStandingEntry_whenRetracted_thenRetractionWithReasonAndTime() {
            ManualEntry state = ManualEntry.evolve(ManualEntry.NONE, ManualEntry.decide(RECORD, ManualEntry.NONE, NOW).get(0));

            List<ManualEntryEvent> events = ManualEntry.decide(new RetractEntry("infra", "e-1", "wrong host"), state, NOW);

            assertThat(events).containsExactly(new ManualEntryRetracted("infra", "e-1", "wrong host", NOW));
            ManualEntry retracted = ManualEntry.evolve(state, events.get(0));
            assertThat(retracted.retracted().reason()).isEqualTo("wrong host");
            assertThat(retracted.recorded()).isEqualTo(state.recorded());
        }

        @Test
        void givenRetractedEntry_whenRetractedAgain_thenConflictNamingTheFirstRetraction() {
            ManualEntry state = new ManualEntry((ManualEntryRecorded) ManualEntry.decide(RECORD, ManualEntry.NONE, NOW).get(0),
                    new ManualEntryRetracted("infra", "e-1", "typo", NOW.minusSeconds(60)));

            assertThatThrownBy(() -> ManualEntry.decide(new RetractEntry("infra", "e-1", "again"), state, NOW))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("typo")
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(409));
        }

        @Test
        void givenNoEntry_whenRetracted_thenNotFound() {
            assertThatThrownBy(() -> ManualEntry.decide(new RetractEntry("infra", "e-9", "x"), ManualEntry.NONE, NOW))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(404));
        }
    }
}
