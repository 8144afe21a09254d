package changeledger.projection.disruption;

import static changeledger.projection.disruption.Tasks.at;
import static changeledger.projection.disruption.Tasks.ok;
import static changeledger.projection.disruption.Tasks.startOf;
import static changeledger.projection.disruption.Tasks.task;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recomputing a target's windows from its last settled window on ({@link DisruptionRules#restartAt},
 * {@link DisruptionRules#windowsFrom}) gives the same windows as recomputing them from all its facts, whatever the
 * order and grouping in which the facts arrive.
 */
class DisruptionRestartTest {

    private static final List<String> GUEST_TYPES = List.of("qmstart", "qmstart", "qmstop", "qmshutdown", "qmreboot",
            "hastop", "hastart", "hamigrate", "qmigrate", "qmdestroy", "qmsnapshot", "vzdump", "qmtemplate");
    private static final List<String> SERVICE_TYPES = List.of("srvstop", "srvstart", "srvrestart", "srvreload");

    @Nested
    class RestartPoint {

        @Test
        void givenNoSettledWindow_whenRestarting_thenFromTheSettledTimeBeforeEveryTaskOfThatSecond() {
            FactPosition from = DisruptionRules.restartAt(at(10), null);

            assertThat(from).isEqualTo(new FactPosition(at(9), ""));
            assertThat(from).isLessThan(FactPosition.of(ok("qmstart", "101", 9, 9.5)));
        }

        @Test
        void givenSettledWindow_whenRestarting_thenAtItsCause() {
            DisruptionTask stop = ok("qmstop", "101", 2, 3);
            Disruption window = DisruptionRules.windows(List.of(stop)).get(0);

            assertThat(DisruptionRules.restartAt(at(10), FactPosition.of(window))).isEqualTo(FactPosition.of(stop));
        }

        @Test
        void givenWindowWithinTheHaFollowUpOfTheChange_whenRestarting_thenRefused() {
            FactPosition tooLate = FactPosition.of(ok("qmstop", "101", 9.5, 9.6));

            assertThatThrownBy(() -> DisruptionRules.restartAt(at(10), tooLate))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not settled");
        }

        @Test
        void givenStopClosedByALateStart_whenRecomputedFromTheStop_thenTheStopWindowCloses() {
            DisruptionTask stop = ok("qmshutdown", "101", 0, 1);
            DisruptionTask start = ok("qmstart", "101", 120, 121);
            FactPosition from = DisruptionRules.restartAt(start.startTime(),
                    FactPosition.of(DisruptionRules.windows(List.of(stop)).get(0)));

            assertThat(DisruptionRules.windowsFrom(List.of(stop, start), from)).singleElement()
                    .satisfies(w -> assertThat(w.end()).isEqualTo(at(121)));
        }

        @ParameterizedTest
        @ValueSource(booleans = {true, false})
        void givenFactsBeforeTheRestartInItsSecond_whenRecomputed_thenOnlyTheirHaMergingCounts(boolean requestFirst) {
            // a real stop and its HA request in the same second, the request's UPID sorting before or after
            DisruptionTask request = withPid(task("hastop", "101", 5, 5.1, "OK"), requestFirst ? 1 : 2);
            DisruptionTask real = withPid(task("qmstop", "101", 5, 6.0, "OK"), requestFirst ? 2 : 1);
            assertThat(FactPosition.of(request).compareTo(FactPosition.of(real)) < 0).isEqualTo(requestFirst);
            List<Disruption> all = DisruptionRules.windows(List.of(request, real));
            assertThat(all).singleElement().satisfies(w -> assertThat(w.cause()).isEqualTo("qmstop"));

            // restarting at the later of the two: the earlier one is read, not folded, but still merges the request
            DisruptionTask later = requestFirst ? real : request;
            assertThat(DisruptionRules.windowsFrom(List.of(request, real), FactPosition.of(later)))
                    .isEqualTo(requestFirst ? all : List.of());
        }
    }

    @Nested
    class AgainstFullRecomputation {

        @Test
        void givenRandomHistoriesInRandomBatches_whenRecomputedFromTheRestartPoint_thenAsFromAllFacts() {
            Random random = new Random(2026);
            for (int round = 0; round < 1_000; round++) {
                List<DisruptionTask> arrivals = arrivals(random);
                List<List<DisruptionTask>> batches = batches(arrivals, random);
                Store store = new Store();
                for (List<DisruptionTask> batch : batches) {
                    store.apply(batch);
                    assertThat(store.windows).as("round %d after %d facts", round, store.facts.size())
                            .isEqualTo(DisruptionRules.windows(store.facts.values()));
                }
            }
        }

        @Test
        void givenTasksInTimeOrder_whenRecomputedBatchByBatch_thenEachBatchReadsOnlyFromItsLastSettledWindow() {
            List<DisruptionTask> history = new ArrayList<>();
            for (int day = 0; day < 200; day++) {
                history.add(ok("qmshutdown", "101", day * 1440, day * 1440 + 1));
                history.add(ok("qmstart", "101", day * 1440 + 30, day * 1440 + 31));
            }
            Store store = new Store();
            int mostRead = 0;
            for (int i = 0; i < history.size(); i += 10) {
                mostRead = Math.max(mostRead, store.apply(history.subList(i, i + 10)));
            }

            assertThat(store.windows).hasSize(200).isEqualTo(DisruptionRules.windows(history));
            assertThat(mostRead).as("stored facts read by one batch").isLessThanOrEqualTo(2);
        }
    }

    /**
     * A history of one guest or one service: tasks at random times, often within a minute of each other, several in
     * one second, with random worker pids so that tasks of one second sort by UPID in any order of their types.
     */
    private static List<DisruptionTask> arrivals(Random random) {
        Map<String, DisruptionTask> tasks = new LinkedHashMap<>();
        boolean service = random.nextInt(4) == 0;
        List<String> types = service ? SERVICE_TYPES : GUEST_TYPES;
        String id = service ? "pveproxy" : "101";
        int count = 1 + random.nextInt(30);
        for (int i = 0; i < count; i++) {
            String type = types.get(random.nextInt(types.size()));
            double start = random.nextInt(240) * 0.25;
            int outcome = random.nextInt(10);
            DisruptionTask task = withPid(outcome == 0 ? task(type, id, start, null, null)
                    : task(type, id, start, start + random.nextInt(8) * 0.25,
                    outcome == 1 ? "VM quit/powerdown failed - got timeout" : "OK"), 1 + random.nextInt(0xFFFF));
            tasks.putIfAbsent(task.upid(), task);
            if (!service && random.nextInt(8) == 0) {
                DisruptionTask retire = DisruptionTask.retire(Tasks.HOST, "e-" + i, id,
                        at(random.nextInt(240) * 0.25));
                tasks.putIfAbsent(retire.upid(), retire);
            }
        }
        List<DisruptionTask> facts = new ArrayList<>();
        for (DisruptionTask task : tasks.values()) {
            if (task.finished() && random.nextBoolean()) {
                facts.add(startOf(task));
            }
            facts.add(task);
            if (!task.finished() && random.nextBoolean()) {
                // a restart of the node seen later cuts it off, sometimes twice (an earlier restart arrives last)
                facts.add(task.interruptedAt(task.startTime().plusSeconds(1 + random.nextInt(600))));
                if (random.nextBoolean()) {
                    facts.add(task.interruptedAt(task.startTime().plusSeconds(1 + random.nextInt(600))));
                }
            }
        }
        if (random.nextBoolean()) {
            Collections.shuffle(facts, random);
        } else {
            facts.sort(Comparator.comparing(DisruptionTask::startTime));
        }
        return facts;
    }

    /** The same task run by another worker pid: another UPID, the same time. */
    private static DisruptionTask withPid(DisruptionTask task, long pid) {
        String upid = upid().node("pve-rules").pid(pid).type(task.type()).id(task.target().replace(
                DisruptionTask.SERVICE_PREFIX, "")).startTime(task.startTime()).text();
        return new DisruptionTask(task.hostId(), upid, task.target(), task.guest(), task.type(), task.window(),
                task.taskClass(), task.startTime(), task.endTime(), task.failed());
    }

    private static List<List<DisruptionTask>> batches(List<DisruptionTask> facts, Random random) {
        List<List<DisruptionTask>> batches = new ArrayList<>();
        for (int i = 0; i < facts.size(); ) {
            int size = 1 + random.nextInt(6);
            batches.add(facts.subList(i, Math.min(facts.size(), i + size)));
            i += size;
        }
        return batches;
    }

    /** What the projection's tables hold for one target, updated as {@code DisruptionProjection} updates them. */
    private static final class Store {
        final Map<String, DisruptionTask> facts = new LinkedHashMap<>();
        List<Disruption> windows = new ArrayList<>();

        /** Applies a batch; answers how many stored facts it read. */
        int apply(List<DisruptionTask> batch) {
            Map<String, DisruptionTask> incoming = new LinkedHashMap<>();
            batch.forEach(task -> incoming.merge(task.upid(), task, DisruptionTask::merge));
            Instant earliest = incoming.values().stream().map(DisruptionTask::startTime).min(Comparator.naturalOrder())
                    .orElseThrow();
            Instant settled = DisruptionRules.settledBefore(earliest);
            FactPosition last = windows.stream().filter(w -> !w.failed() && w.start().isBefore(settled))
                    .map(FactPosition::of).max(Comparator.naturalOrder()).orElse(null);
            FactPosition from = DisruptionRules.restartAt(earliest, last);
            Map<String, DisruptionTask> read = new LinkedHashMap<>();
            facts.values().stream().filter(t -> !t.startTime().isBefore(from.start()))
                    .forEach(t -> read.put(t.upid(), t));
            int readCount = read.size();
            incoming.values().forEach(task -> {
                DisruptionTask merged = read.merge(task.upid(), task, DisruptionTask::merge);
                facts.put(task.upid(), merged);
            });
            List<Disruption> kept = new ArrayList<>(windows.stream()
                    .filter(w -> FactPosition.of(w).compareTo(from) < 0).toList());
            kept.addAll(DisruptionRules.windowsFrom(read.values(), from));
            kept.sort(Comparator.comparing(Disruption::start).thenComparing(Disruption::key));
            windows = kept;
            return readCount;
        }
    }
}
