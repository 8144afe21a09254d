package changeledger.projection.disruption;

import static changeledger.projection.disruption.Tasks.HOST;
import static changeledger.projection.disruption.Tasks.at;
import static changeledger.projection.disruption.Tasks.ok;
import static changeledger.projection.disruption.Tasks.running;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The windows of journal observations among task facts (DESIGN "Journal, Proxmox notifications, alerts"). */
class JournalWindowRulesTest {

    private static final Duration GRACE = Duration.ofMinutes(10);

    @Nested
    class GuestsThatStopThemselves {

        @Test
        void givenAGuestsOwnStop_whenItStartsWithinTheGrace_thenThereIsNoWindow() {
            List<Disruption> windows = DisruptionRules.windows(List.of(stop("a", 0, true), ok("qmstart", "101", 9, 9.5)),
                    GRACE);

            assertThat(windows).isEmpty();
        }

        @Test
        void givenAGuestsOwnStop_whenItStartsAfterTheGrace_thenTheWindowLastsUntilTheStartEnded() {
            List<Disruption> windows = DisruptionRules.windows(List.of(stop("a", 0, true), ok("qmstart", "101", 11, 11.5)),
                    GRACE);

            assertThat(windows).extracting(w -> w.cause() + " " + w.start() + " " + w.end() + " " + w.closedBy())
                    .containsExactly("guest-stopped " + at(0) + " " + at(11.5) + " qmstart");
        }

        @Test
        void givenAGuestsOwnStop_whenNothingStartsIt_thenTheWindowIsOpen() {
            List<Disruption> windows = DisruptionRules.windows(List.of(stop("a", 0, true)), GRACE);

            assertThat(windows).singleElement().matches(Disruption::open).matches(Disruption::untilStart);
        }

        @Test
        void givenACrash_whenTheGuestStartsWithinTheGrace_thenTheWindowStillCounts() {
            List<Disruption> windows = DisruptionRules.windows(List.of(stop("a", 0, false), ok("qmstart", "101", 2, 2.5)),
                    GRACE);

            assertThat(windows).extracting(w -> w.cause() + " " + w.end()).containsExactly("guest-crashed " + at(2.5));
        }

        @Test
        void givenAShorterGrace_whenTheStartComesLaterThanIt_thenTheWindowCounts() {
            List<Disruption> windows = DisruptionRules.windows(List.of(stop("a", 0, true), ok("qmstart", "101", 3, 3.5)),
                    Duration.ofMinutes(2));

            assertThat(windows).hasSize(1);
        }
    }

    @Nested
    class StopsThatATaskExplains {

        @Test
        void givenAShutdownTask_whenQemuEndsDuringIt_thenOnlyTheTasksWindowCounts() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0, 1), stop("a", 0.9, false),
                    ok("qmstart", "101", 30, 30.5)), GRACE);

            assertThat(windows).extracting(w -> w.cause() + " " + w.start() + " " + w.end())
                    .containsExactly("qmshutdown " + at(0) + " " + at(30.5));
        }

        @Test
        void givenARebootTask_whenQemuEndsInsideIt_thenTheRebootIsTheOnlyWindowAndNothingStaysOpen() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmreboot", "101", 0, 0.2),
                    stop("a", 0.1, true), start("b", 0.1)), GRACE);

            assertThat(windows).extracting(Disruption::cause).containsExactly("qmreboot");
        }

        @Test
        void givenAStopTaskThatEndedTenSecondsBefore_whenTheCleanupFollows_thenItIsExplained() {
            List<Disruption> explained = DisruptionRules.windows(List.of(ok("qmreboot", "101", 0, 1),
                    stop("a", 1 + 10 / 60.0, false)), GRACE);
            List<Disruption> notExplained = DisruptionRules.windows(List.of(ok("qmreboot", "101", 0, 1),
                    stop("a", 1 + 11 / 60.0, false)), GRACE);

            assertThat(explained).extracting(Disruption::cause).containsExactly("qmreboot");
            assertThat(notExplained).extracting(Disruption::cause).containsExactly("qmreboot", "guest-crashed");
        }

        @Test
        void givenAMigrationStillRunning_whenQemuEndsOnTheSource_thenItIsExplained() {
            List<Disruption> windows = DisruptionRules.windows(List.of(running("qmigrate", "101", 0),
                    stop("a", 5, false)), GRACE);

            // a live migration opens no window (ADR 0065), and the stop it explains adds none
            assertThat(windows).isEmpty();
        }

        @Test
        void givenAFailedShutdown_whenQemuEndsLater_thenNothingExplainsIt() {
            List<Disruption> windows = DisruptionRules.windows(List.of(Tasks.failed("qmshutdown", "101", 0, 3),
                    stop("a", 2, false)), GRACE);

            assertThat(windows).extracting(w -> w.cause() + " " + w.failed())
                    .containsExactly("qmshutdown true", "guest-crashed false");
        }
    }

    @Nested
    class KillsAndBoots {

        @Test
        void givenQemuKilledForMemory_whenTheGuestStartsSoonAfter_thenTheWindowCountsUntilThen() {
            DisruptionTask kill = DisruptionTask.journalKill(HOST, "k", "101", at(0), true);

            List<Disruption> windows = DisruptionRules.windows(List.of(kill, ok("qmstart", "101", 1, 1.5)), GRACE);

            assertThat(windows).extracting(w -> w.cause() + " " + w.end()).containsExactly("guest-killed " + at(1.5));
            assertThat(windows.get(0).causeEventId()).isEqualTo("k");
            assertThat(windows.get(0).taskUpid()).isNull();
        }

        @Test
        void givenAContainerProcessKilled_whenNoStartFollows_thenItIsAWindowAtItsTimeAndNothingStaysOpen() {
            DisruptionTask kill = DisruptionTask.journalKill(HOST, "k", "201", at(0), false);

            List<Disruption> windows = DisruptionRules.windows(List.of(kill), GRACE);

            assertThat(windows).singleElement().matches(w -> !w.open() && w.start().equals(w.end()));
        }

        @Test
        void givenAnUncleanBoot_whenRead_thenTheNodeWindowRunsFromTheLastLineToTheBoot() {
            DisruptionTask boot = DisruptionTask.nodeUncleanBoot(HOST, "b", at(0), at(7.5));

            List<Disruption> windows = DisruptionRules.windows(List.of(boot), GRACE);

            assertThat(windows).extracting(w -> w.target() + " " + w.cause() + " " + w.start() + " " + w.end())
                    .containsExactly("node node-unclean-boot " + at(0) + " " + at(7.5));
        }
    }

    @Test
    void givenJournalFactsAndTasks_whenTheyArriveInAnyOrder_thenTheWindowsAreTheSame() {
        List<DisruptionTask> facts = new ArrayList<>(List.of(stop("a", 0, true), ok("qmstart", "101", 12, 12.5),
                ok("qmreboot", "101", 20, 20.2), stop("b", 20.1, true), start("c", 20.1),
                DisruptionTask.journalKill(HOST, "d", "101", at(30), true), ok("qmstart", "101", 31, 31.5)));
        List<Disruption> expected = DisruptionRules.windows(facts, GRACE);

        Collections.reverse(facts);

        assertThat(DisruptionRules.windows(facts, GRACE)).isEqualTo(expected);
        assertThat(expected).extracting(Disruption::cause).containsExactly("guest-stopped", "qmreboot", "guest-killed");
    }

    private static DisruptionTask stop(String eventId, double minute, boolean graced) {
        return DisruptionTask.journalStop(HOST, eventId, "101", at(minute), graced);
    }

    private static DisruptionTask start(String eventId, double minute) {
        return DisruptionTask.journalStart(HOST, eventId, "101", at(minute));
    }
}
