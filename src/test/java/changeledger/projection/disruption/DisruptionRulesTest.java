package changeledger.projection.disruption;

import static changeledger.projection.disruption.Tasks.at;
import static changeledger.projection.disruption.Tasks.failed;
import static changeledger.projection.disruption.Tasks.ok;
import static changeledger.projection.disruption.Tasks.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of PROXMOX.md "Disruption windows", applied by {@link DisruptionRules} to one target's task facts. */
class DisruptionRulesTest {

    @Nested
    class GuestStops {

        @ParameterizedTest
        @ValueSource(strings = {"qmstop", "qmshutdown", "qmsuspend", "qmpause", "hastop", "hashutdown"})
        void givenQemuOrHaStopThenStart_whenComputed_thenWindowFromStopStartToStartEnd(String stop) {
            DisruptionTask start = ok("qmstart", "101", 30, 31);
            List<Disruption> windows = DisruptionRules.windows(List.of(ok(stop, "101", 0, 1), start));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo(stop);
                assertThat(w.guest()).isEqualTo("101");
                assertThat(w.target()).isEqualTo("101");
                assertThat(w.start()).isEqualTo(at(0));
                assertThat(w.end()).isEqualTo(at(31));
                assertThat(w.closedByUpid()).isEqualTo(start.upid());
                assertThat(w.open()).isFalse();
                assertThat(w.failed()).isFalse();
                assertThat(w.migration()).isFalse();
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"vzstop", "vzshutdown", "vzsuspend"})
        void givenContainerStopThenResume_whenComputed_thenWindowUntilResumeEnd(String stop) {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok(stop, "200", 0, 1),
                    ok("vzresume", "200", 10, 10.5)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.start()).isEqualTo(at(0));
                assertThat(w.end()).isEqualTo(at(10.5));
            });
        }

        @Test
        void givenStopWithoutStart_whenComputed_thenOpen() {
            assertThat(DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0, 2)))).singleElement()
                    .satisfies(w -> {
                        assertThat(w.open()).isTrue();
                        assertThat(w.end()).isNull();
                        assertThat(w.closedByUpid()).isNull();
                    });
        }

        @Test
        void givenStartStillRunning_whenComputed_thenStaysOpenUntilItsEnd() {
            assertThat(DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1), running("qmstart", "101", 5))))
                    .singleElement().satisfies(w -> assertThat(w.open()).isTrue());
        }

        @Test
        void givenStartOfAnotherGuestOrBeforeTheStop_whenComputed_thenNotTheEnd() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstart", "101", -10, -9),
                    ok("qmstop", "101", 0, 1)));
            assertThat(windows).singleElement().satisfies(w -> assertThat(w.open()).isTrue());
        }

        @Test
        void givenEndBeforeStartFromAClockJump_whenComputed_thenZeroLengthInsteadOfAnError() {
            List<Disruption> stop = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    ok("qmstart", "101", 0.5, -5)));
            List<Disruption> reboot = DisruptionRules.windows(List.of(ok("qmreboot", "102", 10, 8)));

            assertThat(stop).singleElement().satisfies(w -> {
                assertThat(w.open()).isFalse();
                assertThat(w.end()).isEqualTo(at(0));
            });
            assertThat(reboot).singleElement().satisfies(w -> assertThat(w.end()).isEqualTo(at(10)));
        }

        @Test
        void givenTwoStopsBeforeOneStart_whenComputed_thenOneWindowFromTheFirst() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmsuspend", "101", 0, 1),
                    ok("qmstop", "101", 5, 6), ok("qmstart", "101", 20, 21)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmsuspend");
                assertThat(w.end()).isEqualTo(at(21));
            });
        }

        @Test
        void givenStopStartStopStart_whenComputed_thenTwoWindows() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    ok("qmstart", "101", 2, 3), ok("qmstop", "101", 60, 61), ok("qmstart", "101", 62, 64)));

            assertThat(windows).extracting(Disruption::start, Disruption::end)
                    .containsExactly(tuple(at(0), at(3)),
                            tuple(at(60), at(64)));
        }
    }

    @Nested
    class NodeAndServiceStops {

        @ParameterizedTest
        @ValueSource(strings = {"stopall", "suspendall", "bulk-shutdown", "bulk-suspend"})
        void givenNodeStop_whenStartallOrBulkStartFollows_thenWindowUntilItsEnd(String stop) {
            assertThat(DisruptionRules.windows(List.of(ok(stop, "", 0, 3), ok("startall", "", 40, 42))))
                    .singleElement().satisfies(w -> {
                        assertThat(w.target()).isEqualTo("node");
                        assertThat(w.guest()).isNull();
                        assertThat(w.end()).isEqualTo(at(42));
                    });
            assertThat(DisruptionRules.windows(List.of(ok(stop, "", 0, 3), ok("bulk-start", "", 50, 55))))
                    .singleElement().satisfies(w -> assertThat(w.end()).isEqualTo(at(55)));
        }

        @Test
        void givenNodeStopWithoutStart_whenComputed_thenOpen() {
            assertThat(DisruptionRules.windows(List.of(ok("stopall", "", 0, 3)))).singleElement()
                    .satisfies(w -> assertThat(w.open()).isTrue());
        }

        @ParameterizedTest
        @ValueSource(strings = {"srvstart", "srvrestart"})
        void givenServiceStop_whenThatServiceStartsOrRestarts_thenWindowUntilItsEnd(String start) {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("srvstop", "pveproxy", 0, 0.5),
                    ok(start, "pveproxy", 10, 10.5)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.target()).isEqualTo("service:pveproxy");
                assertThat(w.guest()).isNull();
                assertThat(w.cause()).isEqualTo("srvstop");
                assertThat(w.end()).isEqualTo(at(10.5));
            });
        }

        @Test
        void givenServiceStop_whenAnotherServiceStarts_thenTargetsDiffer() {
            assertThat(DisruptionTask.targetOf("srvstop", "pveproxy"))
                    .isNotEqualTo(DisruptionTask.targetOf("srvstart", "pvedaemon"));
        }
    }

    @Nested
    class TaskItself {

        @ParameterizedTest
        @ValueSource(strings = {"qmreboot", "qmreset", "qmrollback", "vzreboot", "vzrollback", "qmrestore",
            "vzrestore"})
        void givenGuestTask_whenComputed_thenWindowIsTheTask(String type) {
            assertThat(DisruptionRules.windows(List.of(ok(type, "101", 0, 2.5)))).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo(type);
                assertThat(w.start()).isEqualTo(at(0));
                assertThat(w.end()).isEqualTo(at(2.5));
                assertThat(w.closedByUpid()).isNull();
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"srvrestart", "srvreload", "reloadnetworkall", "clusterjoin"})
        void givenNodeOrServiceTask_whenComputed_thenWindowIsTheTask(String type) {
            String id = type.startsWith("srv") ? "networking" : "";
            assertThat(DisruptionRules.windows(List.of(ok(type, id, 0, 1)))).singleElement().satisfies(w -> {
                assertThat(w.start()).isEqualTo(at(0));
                assertThat(w.end()).isEqualTo(at(1));
            });
        }

        @Test
        void givenTaskStillRunning_whenComputed_thenOpen() {
            assertThat(DisruptionRules.windows(List.of(running("qmreboot", "101", 0)))).singleElement()
                    .satisfies(w -> assertThat(w.open()).isTrue());
        }

        @Test
        void givenRollbackWhileTheGuestIsStopped_whenComputed_thenInsideTheStopWindowOnly() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    ok("qmrollback", "101", 5, 7), ok("qmstart", "101", 8, 9)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmstop");
                assertThat(w.end()).isEqualTo(at(9));
            });
        }

        @Test
        void givenTaskWithoutWindowKind_whenComputed_thenNoWindow() {
            assertThat(DisruptionRules.windows(List.of(ok("qmstart", "101", 0, 1)))).isEmpty();
        }
    }

    @Nested
    class Migrations {

        @ParameterizedTest
        @ValueSource(strings = {"qmigrate", "hamigrate"})
        void givenLiveMigrationOfRunningGuest_whenComputed_thenNoWindow(String type) {
            assertThat(DisruptionRules.windows(List.of(ok(type, "101", 0, 4)))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"vzmigrate", "migrateall", "bulk-migrate"})
        void givenRestartOrNodeMigration_whenComputed_thenTheTaskMarkedAsMigration(String type) {
            String id = type.endsWith("all") || type.startsWith("bulk") ? "" : "101";
            assertThat(DisruptionRules.windows(List.of(ok(type, id, 0, 4)))).singleElement().satisfies(w -> {
                assertThat(w.migration()).isTrue();
                assertThat(w.start()).isEqualTo(at(0));
                assertThat(w.end()).isEqualTo(at(4));
            });
        }

        @Test
        void givenOfflineMigrationOfStoppedGuest_whenComputed_thenTheStopWindowGoesWithTheGuest() {
            DisruptionTask migrate = ok("qmigrate", "101", 10, 12);
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1), migrate));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.open()).isTrue();
                assertThat(w.migration()).isTrue();
                assertThat(w.closedByUpid()).as("carried by the migration").isEqualTo(migrate.upid());
            });
        }
    }

    @Nested
    class Destroys {

        @ParameterizedTest
        @ValueSource(strings = {"qmdestroy", "vzdestroy"})
        void givenDestroy_whenComputed_thenTheTaskItself(String type) {
            assertThat(DisruptionRules.windows(List.of(ok(type, "101", 0, 0.5)))).singleElement()
                    .satisfies(w -> assertThat(w.end()).isEqualTo(at(0.5)));
        }

        @Test
        void givenStoppedGuestDestroyed_whenComputed_thenStopWindowEndsWhereTheDestroyStarts() {
            DisruptionTask destroy = ok("qmdestroy", "101", 30, 31);
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmshutdown", "101", 0, 1), destroy));

            assertThat(windows).hasSize(2);
            assertThat(windows.get(0)).satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmshutdown");
                assertThat(w.end()).isEqualTo(at(30));
                assertThat(w.closedByUpid()).isEqualTo(destroy.upid());
            });
            assertThat(windows.get(1)).satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmdestroy");
                assertThat(w.start()).isEqualTo(at(30));
                assertThat(w.end()).isEqualTo(at(31));
            });
        }

        @Test
        void givenGuestIdReusedAfterDestroy_whenNewGuestStops_thenANewWindow() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    ok("qmdestroy", "101", 5, 6), ok("qmstop", "101", 100, 101)));

            assertThat(windows).extracting(Disruption::cause).containsExactly("qmstop", "qmdestroy", "qmstop");
            assertThat(windows.get(2).open()).isTrue();
        }
    }

    @Nested
    class FailedTasks {

        @Test
        void givenFailedStop_whenComputed_thenListedAsZeroLengthFailedWindowAndNothingOpens() {
            assertThat(DisruptionRules.windows(List.of(failed("qmshutdown", "101", 0, 3)))).singleElement()
                    .satisfies(w -> {
                        assertThat(w.failed()).isTrue();
                        assertThat(w.start()).isEqualTo(at(0));
                        assertThat(w.end()).isEqualTo(at(0));
                        assertThat(w.open()).isFalse();
                    });
        }

        @Test
        void givenFailedStart_whenComputed_thenWindowStaysOpenUntilAStartSucceeds() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    failed("qmstart", "101", 5, 6), ok("qmstart", "101", 10, 11)));

            assertThat(windows).singleElement().satisfies(w -> assertThat(w.end()).isEqualTo(at(11)));
        }

        @Test
        void givenFailedDestroyOrMigration_whenComputed_thenOpenWindowStaysOpen() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    failed("qmdestroy", "101", 5, 6), failed("qmigrate", "101", 7, 8)));

            // a failed migration of a stopped guest leaves it stopped on the source: nothing of its own (ADR 0065)
            assertThat(windows).extracting(Disruption::cause, Disruption::failed, Disruption::open)
                    .containsExactly(tuple("qmstop", false, true),
                            tuple("qmdestroy", true, false));
        }

        @Test
        void givenFailedTaskWithoutWindowKind_whenComputed_thenNotListed() {
            assertThat(DisruptionRules.windows(List.of(failed("qmstart", "101", 0, 1)))).isEmpty();
        }
    }
}
