package changeledger.projection.disruption;

import static changeledger.projection.disruption.Tasks.at;
import static changeledger.projection.disruption.Tasks.failed;
import static changeledger.projection.disruption.Tasks.ok;
import static changeledger.projection.disruption.Tasks.running;
import static changeledger.projection.disruption.Tasks.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The windows of a guest's migration by its kind (ADR 0065), on the source host's facts alone; minutes are after T0.
 * Where a migration carried a stop window to another host, the window's end comes from the target host's facts when it
 * is read (tested over HTTP in {@code MigrationScenarioTest}).
 */
class MigrationRulesTest {

    @Test
    void givenLiveMigrationOfRunningVm_whenComputed_thenNoDisruption() {
        // qmigrate of 101 from minute 0 to 2, no stop before: the VM was running, qemu-server migrated it live
        assertThat(DisruptionRules.windows(List.of(ok("qmigrate", "101", 0, 2)))).isEmpty();
    }

    @Test
    void givenHaMigrationOfRunningVm_whenComputed_thenNoDisruption() {
        // hamigrate at 0 (the request), qmigrate from 0.5 to 3 (the real task): one live migration, no window
        assertThat(DisruptionRules.windows(List.of(ok("hamigrate", "101", 0, 0.1), ok("qmigrate", "101", 0.5, 3))))
                .isEmpty();
    }

    @Test
    void givenFailedLiveMigration_whenComputed_thenTheTaskIsADisruption() {
        // qmigrate from 0 to 3 ends "migration aborted": 3 minutes, a disruption (not a failed task listed at 0 min)
        List<Disruption> windows = DisruptionRules.windows(List.of(task("qmigrate", "101", 0, 3.0,
                "migration aborted")));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.start()).isEqualTo(at(0));
            assertThat(w.end()).isEqualTo(at(3));
            assertThat(w.failed()).isFalse();
            assertThat(w.migration()).isTrue();
            assertThat(Disruption.minutes(w.duration(at(100)))).isEqualTo(3.0);
        });
    }

    @Test
    void givenRestartMigrationOfRunningContainer_whenComputed_thenFromShutdownToStartOnTarget() {
        // vzmigrate of 200 from 5 to 6.5 (pve-container's restart mode: shut down first, started on the target last)
        List<Disruption> windows = DisruptionRules.windows(List.of(ok("vzmigrate", "200", 5, 6.5)));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.start()).isEqualTo(at(5));
            assertThat(w.end()).isEqualTo(at(6.5));
            assertThat(w.migration()).isTrue();
            assertThat(w.untilStart()).isFalse();
            assertThat(Disruption.minutes(w.duration(at(100)))).isEqualTo(1.5);
        });
    }

    @Test
    void givenFailedRestartMigration_whenComputed_thenTheTaskIsADisruption() {
        // the container was shut down, then started again on the source: 2 to 4, 2 minutes
        List<Disruption> windows = DisruptionRules.windows(List.of(task("vzmigrate", "200", 2, 4.0,
                "migration aborted")));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(Disruption.minutes(w.duration(at(100)))).isEqualTo(2.0);
            assertThat(w.failed()).isFalse();
        });
    }

    @Test
    void givenOfflineMigrationOfStoppedVm_whenComputed_thenTheStopWindowStaysOpenCarriedByTheMigration() {
        // qmshutdown at 0 (ends 1), qmigrate from 10 to 12: the window from 0 stays open, carried by the migration
        DisruptionTask migrate = ok("qmigrate", "101", 10, 12);
        List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0, 1), migrate));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.cause()).isEqualTo("qmshutdown");
            assertThat(w.start()).isEqualTo(at(0));
            assertThat(w.open()).isTrue();
            assertThat(w.migration()).isTrue();
            assertThat(w.closedBy()).isEqualTo("qmigrate");
            assertThat(w.closedByUpid()).isEqualTo(migrate.upid());
        });
    }

    @Test
    void givenOfflineMigrationAwayAndBackThenStart_whenComputed_thenOneWindowUntilTheStart() {
        // qmstop at 0, qmigrate 10-12 away, (back by a migration on the other host), qmstart 30-30.5 here:
        // one window 0 to 30.5 = 30.5 minutes, marked as a migration
        DisruptionTask start = ok("qmstart", "101", 30, 30.5);
        List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                ok("qmigrate", "101", 10, 12), start));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.end()).isEqualTo(at(30.5));
            assertThat(w.closedByUpid()).isEqualTo(start.upid());
            assertThat(w.migration()).isTrue();
            assertThat(Disruption.minutes(w.duration(at(100)))).isEqualTo(30.5);
        });
    }

    @Test
    void givenHaRelocation_whenComputed_thenTheShutdownWindowGoesWithTheGuest() {
        // pve-ha-manager's relocate: the LRM shuts the VM down (qmshutdown 0.2-1.2), migrates it offline
        // (qmigrate 1.5-3); the start comes on the target: here the window stays open from 0.2, carried
        List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0.2, 1.2),
                ok("qmigrate", "101", 1.5, 3)));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.start()).isEqualTo(at(0.2));
            assertThat(w.open()).isTrue();
            assertThat(w.closedBy()).isEqualTo("qmigrate");
        });
    }

    @Test
    void givenASnapshotShowingTheGuestGoneAfterAnOfflineMigration_whenComputed_thenTheWindowStillGoesWithIt() {
        // qmstop at 0, qmigrate 10-12; the source's snapshot at 15 shows 101 gone (it moved): still open, carried
        DisruptionTask migrate = ok("qmigrate", "101", 10, 12);
        List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1), migrate,
                DisruptionTask.gone(Tasks.HOST, "drift-1", "101", at(15))));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.open()).isTrue();
            assertThat(w.closedByUpid()).isEqualTo(migrate.upid());
        });
    }

    @Test
    void givenFailedOfflineMigration_whenComputed_thenTheGuestStaysStoppedHere() {
        // qmstop at 0, qmigrate 5-6 fails: still stopped on the source, open and not carried away
        List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                failed("qmigrate", "101", 5, 6)));

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.open()).isTrue();
            assertThat(w.migration()).isFalse();
            assertThat(w.closedByUpid()).isNull();
        });
    }

    @Test
    void givenRunningRestartMigration_whenComputed_thenOpenUntilItEnds() {
        assertThat(DisruptionRules.windows(List.of(running("vzmigrate", "200", 0)))).singleElement()
                .satisfies(w -> assertThat(w.open()).isTrue());
    }
}
