package changeledger.projection.disruption;

import static changeledger.projection.disruption.Tasks.at;
import static changeledger.projection.disruption.Tasks.failed;
import static changeledger.projection.disruption.Tasks.ok;
import static changeledger.projection.disruption.Tasks.startOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** HA requests merged with the real task, and windows that do not depend on the order in which facts arrive. */
class DisruptionOrderTest {

    @Nested
    class HaRequests {

        @Test
        void givenHastopThenQmshutdownWithin60s_whenComputed_thenOneWindowWithTheRealTasksTimes() {
            DisruptionTask real = ok("qmshutdown", "101", 0.5, 2);
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("hastop", "101", 0, 0.1), real,
                    ok("qmstart", "101", 10, 11)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmshutdown");
                assertThat(w.causeUpid()).isEqualTo(real.upid());
                assertThat(w.start()).isEqualTo(at(0.5));
                assertThat(w.end()).isEqualTo(at(11));
            });
        }

        @Test
        void givenHamigrateThenVzmigrate_whenComputed_thenOneMigration() {
            // a container's restart migration is the real task of the HA migration request (ADR 0065)
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("hamigrate", "101", 0, 0.1),
                    ok("vzmigrate", "101", 0.25, 3)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo("vzmigrate");
                assertThat(w.start()).isEqualTo(at(0.25));
                assertThat(w.migration()).isTrue();
            });
        }

        @Test
        void givenHashutdownWithTheRealTaskOver60sLater_whenComputed_thenTheRequestStandsAlone() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("hashutdown", "101", 0, 0.1),
                    ok("qmstart", "101", 0.5, 0.6), ok("qmshutdown", "101", 1.5, 2)));

            assertThat(windows).extracting(Disruption::cause).containsExactly("hashutdown", "qmshutdown");
        }

        @Test
        void givenHastartThenQmstart_whenComputed_thenTheWindowEndsWithTheRealStart() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("qmstop", "101", 0, 1),
                    ok("hastart", "101", 10, 10.1), ok("qmstart", "101", 10.5, 12)));

            assertThat(windows).singleElement().satisfies(w -> assertThat(w.end()).isEqualTo(at(12)));
        }

        @Test
        void givenRealTaskFailed_whenComputed_thenTheRequestIsStillMergedAndNothingOpens() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("hastop", "101", 0, 0.1),
                    failed("qmstop", "101", 0.5, 1)));

            assertThat(windows).singleElement().satisfies(w -> {
                assertThat(w.cause()).isEqualTo("qmstop");
                assertThat(w.failed()).isTrue();
            });
        }

        @Test
        void givenRealTaskOfAnotherKind_whenComputed_thenNotMerged() {
            List<Disruption> windows = DisruptionRules.windows(List.of(ok("hamigrate", "101", 0, 0.1),
                    ok("qmreboot", "101", 0.5, 1)));

            // the request stands alone: a live migration of a running guest, no window (ADR 0065)
            assertThat(windows).extracting(Disruption::cause).containsExactly("qmreboot");
        }
    }

    @Nested
    class ArrivalOrder {

        /** Guest 101 stopped through HA, restarted, rebooted, stopped, destroyed; the node stopped and started. */
        private final List<DisruptionTask> finished = List.of(ok("hastop", "101", 0, 0.1),
                ok("qmshutdown", "101", 0.5, 2), ok("qmstart", "101", 30, 31), ok("qmreboot", "101", 60, 61),
                failed("qmstop", "101", 70, 71), ok("qmstop", "101", 80, 81), ok("qmdestroy", "101", 90, 92));

        @Test
        void givenStartsAndFinishesInManyOrders_whenMergedAndComputed_thenAlwaysTheSameWindows() {
            List<DisruptionTask> facts = new ArrayList<>();
            for (DisruptionTask task : finished) {
                facts.add(startOf(task));
                facts.add(task);
            }
            List<Disruption> expected = windows(facts);
            assertThat(expected).extracting(Disruption::cause)
                    .containsExactly("qmshutdown", "qmreboot", "qmstop", "qmstop", "qmdestroy");

            List<DisruptionTask> reversed = new ArrayList<>(facts);
            Collections.reverse(reversed);
            assertThat(windows(reversed)).isEqualTo(expected);
            Random random = new Random(42);
            for (int round = 0; round < 50; round++) {
                List<DisruptionTask> shuffled = new ArrayList<>(facts);
                Collections.shuffle(shuffled, random);
                assertThat(windows(shuffled)).as("order %s", shuffled).isEqualTo(expected);
            }
        }

        @Test
        void givenStopFirstAndStartLater_whenEachArrives_thenOpenThenClosed() {
            DisruptionTask stop = ok("qmstop", "101", 0, 1);
            DisruptionTask start = ok("qmstart", "101", 30, 31);

            assertThat(windows(List.of(stop))).singleElement().satisfies(w -> assertThat(w.open()).isTrue());
            assertThat(windows(List.of(stop, startOf(start)))).singleElement()
                    .satisfies(w -> assertThat(w.open()).isTrue());
            assertThat(windows(List.of(stop, startOf(start), start))).singleElement()
                    .satisfies(w -> assertThat(w.end()).isEqualTo(at(31)));
        }

        @Test
        void givenFinishBeforeItsStartRecord_whenMerged_thenTheFinishIsKept() {
            DisruptionTask task = ok("qmreboot", "101", 0, 2);
            assertThat(startOf(task).merge(task)).isEqualTo(task);
            assertThat(task.merge(startOf(task))).isEqualTo(task);
        }

        /** What the projection does: fold the facts by UPID in arrival order, then compute from the merged set. */
        private List<Disruption> windows(List<DisruptionTask> arrivals) {
            Map<String, DisruptionTask> merged = new LinkedHashMap<>();
            arrivals.forEach(task -> merged.merge(task.upid(), task, DisruptionTask::merge));
            return DisruptionRules.windows(merged.values());
        }
    }
}
