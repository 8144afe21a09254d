package changeledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.projection.TaskLinkRule.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The 5 s rule that links an access-log change to its task, and how a batch applies it in either order. */
class AccessLinkerTest {

    private static final Instant T = Instant.parse("2026-11-10T12:00:00Z");

    private long positions;

    @Nested
    class Rule {

        @Test
        void givenCallWithinFiveSecondsEitherWay_whenChecked_thenLinked() {
            Target guest = new Target("infra", "101");
            for (int seconds = -5; seconds <= 5; seconds++) {
                assertThat(TaskLinkRule.links(guest, T.plusSeconds(seconds), guest, T)).as("%d s", seconds).isTrue();
            }
        }

        @Test
        void givenCallSixSecondsAwayOrAnotherGuestOrHost_whenChecked_thenNotLinked() {
            Target guest = new Target("infra", "101");
            assertThat(TaskLinkRule.links(guest, T.plusSeconds(6), guest, T)).isFalse();
            assertThat(TaskLinkRule.links(guest, T.minusSeconds(6), guest, T)).isFalse();
            assertThat(TaskLinkRule.links(guest, T, new Target("infra", "102"), T)).isFalse();
            assertThat(TaskLinkRule.links(guest, T, new Target("lab", "101"), T)).isFalse();
            assertThat(TaskLinkRule.links(guest, T, new Target("infra", null), T)).isFalse();
        }

        @Test
        void givenNodeCallAndNodeTask_whenChecked_thenLinked() {
            Target node = new Target("infra", null);
            assertThat(TaskLinkRule.links(node, T.plusSeconds(2), node, T)).isTrue();
        }
    }

    @Nested
    class Batches {

        @Test
        void givenTaskStoredFirst_whenCallArrives_thenCallLinkedAndNotCounted() {
            StatsItem task = task("101", T, "a");
            AccessLinker.Outcome outcome = AccessLinker.link(List.of(task), List.of(call("101", T.plusSeconds(3))));
            StatsItem call = outcome.fresh().get(0);
            assertThat(call.counted()).isFalse();
            assertThat(call.linkedTaskPosition()).isEqualTo(task.position());
            assertThat(call.linkedTaskStream()).isEqualTo(task.stream());
            assertThat(outcome.relinked()).isEmpty();
        }

        @Test
        void givenCallStoredFirst_whenTaskArrives_thenStoredCallRelinkedAndUncounted() {
            StatsItem call = call("101", T.minusSeconds(5));
            StatsItem task = task("101", T, "a");
            AccessLinker.Outcome outcome = AccessLinker.link(List.of(call), List.of(task));
            assertThat(outcome.fresh()).containsExactly(task);
            assertThat(outcome.relinked()).singleElement().satisfies(c -> {
                assertThat(c.position()).isEqualTo(call.position());
                assertThat(c.counted()).isFalse();
                assertThat(c.linkedTaskPosition()).isEqualTo(task.position());
            });
        }

        @Test
        void givenCallAndTaskInOneBatch_whenLinked_thenCallLinkedWhicheverComesFirst() {
            StatsItem task = task("101", T, "a");
            StatsItem call = call("101", T.plusSeconds(1));
            assertThat(AccessLinker.link(List.of(), List.of(call, task)).fresh().get(0).counted()).isFalse();
            assertThat(AccessLinker.link(List.of(), List.of(task, call)).fresh().get(1).counted()).isFalse();
        }

        @Test
        void givenNoTaskWithinTheWindow_whenCallArrives_thenCounted() {
            AccessLinker.Outcome outcome = AccessLinker.link(
                    List.of(task("101", T.minusSeconds(6), "a"), task("102", T, "b")), List.of(call("101", T)));
            assertThat(outcome.fresh().get(0).counted()).isTrue();
            assertThat(outcome.fresh().get(0).linkedTaskPosition()).isNull();
        }

        @Test
        void givenStoredCallLinkedToAFartherTask_whenNearerTaskArrives_thenRelinkedToTheNearer() {
            StatsItem far = task("101", T.minusSeconds(4), "a");
            StatsItem call = call("101", T).linkedTo(far);
            StatsItem near = task("101", T.plusSeconds(1), "b");
            AccessLinker.Outcome outcome = AccessLinker.link(List.of(far, call), List.of(near));
            assertThat(outcome.relinked()).singleElement()
                    .satisfies(c -> assertThat(c.linkedTaskPosition()).isEqualTo(near.position()));
        }

        @Test
        void givenStoredCallAlreadyLinkedToTheNearestTask_whenAnotherTaskArrives_thenNothingChanges() {
            StatsItem near = task("101", T, "a");
            StatsItem call = call("101", T).linkedTo(near);
            AccessLinker.Outcome outcome = AccessLinker.link(List.of(near, call), List.of(task("101", T.plusSeconds(4), "b")));
            assertThat(outcome.relinked()).isEmpty();
        }

        @Test
        void givenTwoTasksEquallyNear_whenLinked_thenTheEarlierWinsInAnyOrder() {
            StatsItem before = task("101", T.minusSeconds(2), "z");
            StatsItem after = task("101", T.plusSeconds(2), "a");
            StatsItem call = call("101", T);
            assertThat(AccessLinker.link(List.of(before, after), List.of(call)).fresh().get(0).linkedTaskPosition())
                    .isEqualTo(before.position());
            assertThat(AccessLinker.link(List.of(after, before), List.of(call)).fresh().get(0).linkedTaskPosition())
                    .isEqualTo(before.position());
        }

        @Test
        void givenSameResultForEveryArrivalOrder_whenEventsComeOneBatchEach_thenLinksAgree() {
            List<StatsItem> events = List.of(call("101", T.minusSeconds(3)), task("101", T, "a"),
                    call("101", T.plusSeconds(4)), task("101", T.plusSeconds(8), "b"), call("101", T.plusSeconds(14)),
                    call(null, T.plusSeconds(1)), task(null, T, "n"));
            List<StatsItem> forward = replay(events);
            List<StatsItem> backward = replay(reversed(events));
            assertThat(backward).containsExactlyInAnyOrderElementsOf(forward);
            assertThat(forward).filteredOn(i -> i.kind() == StatsItem.Kind.ACCESS && i.counted())
                    .extracting(StatsItem::occurredAt).containsExactly(T.plusSeconds(14));
        }
    }

    /** Feeds events one batch each, keeping the store as the projection would; returns the stored items. */
    private static List<StatsItem> replay(List<StatsItem> events) {
        List<StatsItem> store = new ArrayList<>();
        for (StatsItem event : events) {
            AccessLinker.Outcome outcome = AccessLinker.link(List.copyOf(store), List.of(event));
            for (StatsItem changed : outcome.relinked()) {
                store.replaceAll(i -> i.position() == changed.position() ? changed : i);
            }
            store.addAll(outcome.fresh());
        }
        return store;
    }

    private static List<StatsItem> reversed(List<StatsItem> items) {
        List<StatsItem> copy = new ArrayList<>(items);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private StatsItem task(String guest, Instant start, String upid) {
        return new StatsItem(++positions, UUID.randomUUID(), "infra", StatsItem.Kind.TASK, "infra/UPID:" + upid, guest,
                "change", start, true, null, null);
    }

    private StatsItem call(String guest, Instant time) {
        long position = ++positions;
        return new StatsItem(position, UUID.randomUUID(), "infra", StatsItem.Kind.ACCESS, "infra/" + position, guest,
                "change", time, true, null, null);
    }
}
