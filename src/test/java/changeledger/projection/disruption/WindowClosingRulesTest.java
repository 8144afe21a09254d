package changeledger.projection.disruption;

import static changeledger.projection.disruption.Tasks.HOST;
import static changeledger.projection.disruption.Tasks.at;
import static changeledger.projection.disruption.Tasks.failed;
import static changeledger.projection.disruption.Tasks.ok;
import static changeledger.projection.disruption.Tasks.running;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windows that people close ({@link DisruptionRules}): a {@code retire} entry, a template conversion, and a task that
 * never finished because its node restarted.
 */
class WindowClosingRulesTest {

    @Nested
    class Retire {

        @Test
        void givenOpenWindow_whenRetired_thenItEndsAtTheEntrysTimeClosedByIt() {
            DisruptionTask stop = ok("qmshutdown", "101", 0, 1);
            List<Disruption> windows = DisruptionRules.windows(List.of(stop, retire("e-1", "101", 90)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmshutdown");
                assertThat(w.end()).isEqualTo(at(90));
                assertThat(w.closedBy()).isEqualTo(Disruption.RETIRE);
                assertThat(w.closedByEntryId()).isEqualTo("e-1");
                assertThat(w.closedByUpid()).isNull();
                assertThat(w.untilStart()).isTrue();
                assertThat(w.open()).isFalse();
            });
        }

        @Test
        void givenRetiredGuest_whenStoppedAgain_thenNothingUntilItStarts() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0, 1),
                    retire("e-1", "101", 90), ok("qmstop", "101", 120, 121), ok("qmshutdown", "101", 150, 151),
                    running("qmstart", "101", 170), ok("qmstart", "101", 200, 201), ok("qmstop", "101", 300, 301)));

            assertThat(windows).extracting(Disruption::cause, Disruption::start, Disruption::end).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("qmshutdown", at(0), at(90)),
                    org.assertj.core.groups.Tuple.tuple("qmstop", at(300), null));
        }

        @Test
        void givenRetireAtATimeTheGuestRan_whenComputed_thenItDoesNothing() {
            // a start that arrived after the retire shows the guest running at the retire's time
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0, 1),
                    ok("qmstart", "101", 5, 6), retire("e-1", "101", 10), ok("qmstop", "101", 20, 21)));

            assertThat(windows).extracting(Disruption::cause, Disruption::end).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("qmshutdown", at(6)),
                    org.assertj.core.groups.Tuple.tuple("qmstop", null));
        }

        @Test
        void givenRetireRetracted_whenComputed_thenAsIfItHadNeverBeen() {
            List<DisruptionTask> tasks = List.of(ok("qmshutdown", "101", 0, 1), ok("qmstop", "101", 120, 121),
                    ok("qmstart", "101", 200, 201));
            List<DisruptionTask> withRetire = new ArrayList<>(tasks);
            withRetire.add(retire("e-1", "101", 90));

            assertThat(DisruptionRules.windows(withRetire)).singleElement()
                    .satisfies(w -> assertThat(w.end()).isEqualTo(at(90)));
            assertThat(DisruptionRules.windows(tasks)).singleElement().satisfies(w -> {
                assertThat(w.end()).isEqualTo(at(201));
                assertThat(w.closedBy()).isEqualTo("qmstart");
            });
        }

        @Test
        void givenRetiredGuestRestoredOrDestroyed_whenStoppedLater_thenThatStopCounts() {
            List<Disruption> restored = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    retire("e-1", "101", 10), ok("qmrestore", "101", 20, 25), ok("qmstop", "101", 30, 31)));
            List<Disruption> destroyed = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    retire("e-1", "101", 10), ok("qmdestroy", "101", 20, 21), ok("qmstop", "101", 30, 31)));

            assertThat(restored).extracting(Disruption::cause).containsExactly("qmstop", "qmrestore", "qmstop");
            assertThat(destroyed).extracting(Disruption::cause).containsExactly("qmstop", "qmdestroy", "qmstop");
        }
    }

    @Nested
    class Template {

        @ParameterizedTest
        @ValueSource(strings = {"qmtemplate", "vztemplate"})
        void givenStoppedGuest_whenConverted_thenTheWindowEndsAtTheConversionsStartAndItIsNoWindow(String type) {
            DisruptionTask template = ok(type, "104", 30, 31);
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "104", 0, 1), template,
                    ok("qmstop", "104", 60, 61)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.end()).isEqualTo(at(30));
                assertThat(w.closedBy()).isEqualTo(type);
                assertThat(w.closedByUpid()).isEqualTo(template.upid());
            });
        }

        @Test
        void givenTemplateOfARunningGuestOrAFailedOne_whenComputed_thenNoWindow() {
            assertThat(DisruptionRules.windows(List.of(ok("qmtemplate", "104", 0, 1)))).isEmpty();
            assertThat(DisruptionRules.windows(List.of(ok("qmshutdown", "104", 0, 1),
                    failed("qmtemplate", "104", 30, 31)))).singleElement()
                    .satisfies(w -> assertThat(w.open()).isTrue());
        }
    }

    @Nested
    class Interrupted {

        @Test
        void givenRunningRebootCutOffByARestart_whenComputed_thenItEndsThereMarkedInterrupted() {
            DisruptionTask reboot = running("qmreboot", "105", 0).interruptedAt(at(5));

            assertThat(DisruptionRules.windows(List.of(reboot))).singleElement().satisfies(w -> {
                assertThat(w.end()).isEqualTo(at(5));
                assertThat(w.interrupted()).isTrue();
                assertThat(w.open()).isFalse();
            });
        }

        @Test
        void givenRunningRebootNotCutOff_whenComputed_thenStillOpen() {
            assertThat(DisruptionRules.windows(List.of(running("qmreboot", "105", 0)))).singleElement()
                    .satisfies(w -> {
                        assertThat(w.open()).isTrue();
                        assertThat(w.interrupted()).isFalse();
                    });
        }

        @Test
        void givenRunningShutdownCutOff_whenComputed_thenTheGuestStaysDownUntilItStarts() {
            DisruptionTask shutdown = running("qmshutdown", "106", 0).interruptedAt(at(5));

            assertThat(DisruptionRules.windows(List.of(shutdown))).singleElement().satisfies(w -> {
                assertThat(w.open()).isTrue();
                assertThat(w.interrupted()).isFalse();
            });
            assertThat(DisruptionRules.windows(List.of(shutdown, ok("qmstart", "106", 30, 31)))).singleElement()
                    .satisfies(w -> assertThat(w.end()).isEqualTo(at(31)));
        }

        @Test
        void givenTheFinishArrivesAfterTheCutOff_whenMerged_thenTheFinishCounts() {
            DisruptionTask finished = ok("qmreboot", "105", 0, 2);
            DisruptionTask cut = Tasks.startOf(finished).interruptedAt(at(5));

            assertThat(cut.merge(finished)).isEqualTo(finished.merge(cut));
            assertThat(DisruptionRules.windows(List.of(cut.merge(finished)))).singleElement().satisfies(w -> {
                assertThat(w.end()).isEqualTo(at(2));
                assertThat(w.interrupted()).isFalse();
            });
        }

        @Test
        void givenStoredUpids_whenTheirProcessStartIsRead_thenAsTheUpidSaysOrUnknown() {
            assertThat(DisruptionProjection.pstartOf(upid().pstart(0x00ABCDEFL).text())).isEqualTo(0x00ABCDEFL);
            assertThat(DisruptionProjection.pstartOf(upid().pstart(0x1ABCDEF01L).text())).isEqualTo(0x1ABCDEF01L);
            assertThat(DisruptionProjection.pstartOf("UPID:pve:0001A2B3")).isEqualTo(DisruptionTask.NO_PSTART);
            assertThat(DisruptionProjection.pstartOf("UPID:pve:0001A2B3:zz:6AF2DCA7:qmstart:101:root@pam:"))
                    .isEqualTo(DisruptionTask.NO_PSTART);
        }

        @Test
        void givenTwoCutOffs_whenMergedInEitherOrder_thenTheEarlierCounts() {
            DisruptionTask task = running("qmreboot", "105", 0);
            DisruptionTask late = task.interruptedAt(at(9));
            DisruptionTask early = task.interruptedAt(at(5));

            assertThat(late.merge(early).interruptedAt()).isEqualTo(at(5));
            assertThat(early.merge(late).interruptedAt()).isEqualTo(at(5));
            assertThat(task.merge(late).interruptedAt()).isEqualTo(at(9));
        }
    }

    @Test
    void givenRetireTemplateAndCutOffFactsInAnyOrder_whenComputed_thenTheSameWindows() {
        List<DisruptionTask> facts = List.of(ok("qmshutdown", "101", 0, 1), retire("e-1", "101", 20),
                ok("qmstop", "101", 25, 26), ok("qmstart", "101", 30, 31),
                running("qmreboot", "101", 40).interruptedAt(at(45)), ok("qmstop", "101", 50, 51),
                ok("qmtemplate", "101", 60, 61), ok("qmstop", "101", 70, 71));
        List<Disruption> expected = DisruptionRules.windows(facts);
        assertThat(expected).extracting(Disruption::cause, Disruption::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple("qmshutdown", at(20)),
                org.assertj.core.groups.Tuple.tuple("qmreboot", at(45)),
                org.assertj.core.groups.Tuple.tuple("qmstop", at(60)));

        Random random = new Random(16);
        for (int round = 0; round < 200; round++) {
            List<DisruptionTask> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            assertThat(DisruptionRules.windows(shuffled)).as("round %d", round).isEqualTo(expected);
        }
    }

    static DisruptionTask retire(String entryId, String guest, double minute) {
        return DisruptionTask.retire(HOST, entryId, guest, at(minute));
    }
}
