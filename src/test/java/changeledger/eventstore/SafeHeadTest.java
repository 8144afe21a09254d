package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SafeHeadTest {

    @Inject
    EventStore store;

    @Test
    void givenOpenTransactionHoldingAnEarlierPosition_whenLaterEventsCommit_thenReadersStopBeforeThemUntilItEnds()
            throws Exception {
        GlobalCursor before = store.safeHead().orElse(GlobalCursor.START);
        AggregateRef early = uniqueAggregate("Early");
        AggregateRef late = uniqueAggregate("Late");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        // given: transaction A appends and stays open
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            store.append(new AppendRequest(early, AppendRequest.NEW_STREAM, List.of(event("A", "early"))),
                    metadata("a"));
            appended.countDown();
            await(release);
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        // when: B appends later positions and commits
        QuarkusTransaction.requiringNew().run(() -> store.append(
                new AppendRequest(late, AppendRequest.NEW_STREAM, List.of(event("B", "late"))), metadata("b")));

        // then: a reader does not see B yet, because A could still commit below it
        assertThat(readAllAfter(before)).noneMatch(e -> e.aggregate().equals(late));

        release.countDown();
        a.get(30, TimeUnit.SECONDS);
        List<StoredEvent> after = readAllAfter(before);
        assertThat(after).filteredOn(e -> e.aggregate().equals(early) || e.aggregate().equals(late))
                .extracting(e -> e.aggregate().id())
                .containsExactly(early.id(), late.id());
    }

    private List<StoredEvent> readAllAfter(GlobalCursor cursor) {
        List<StoredEvent> all = new ArrayList<>();
        List<StoredEvent> page;
        GlobalCursor at = cursor;
        while (!(page = store.readAfter(at, 100)).isEmpty()) {
            all.addAll(page);
            at = page.get(page.size() - 1).cursor();
        }
        return all;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
