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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentAppendTest {

    private static final int THREADS = 8;
    private static final int ATTEMPTS_PER_THREAD = 25;

    @Inject
    EventStore store;

    @Test
    void givenEightWriters_whenAllAppendToOneStream_thenEachSequenceHasExactlyOneWinner() throws Exception {
        AggregateRef aggregate = uniqueAggregate("Contended");
        Map<Long, String> winners = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String writer = "writer-" + t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int attempt = 0; attempt < ATTEMPTS_PER_THREAD; attempt++) {
                    long expected = store.lastSequence(aggregate);
                    try {
                        AppendResult result = QuarkusTransaction.requiringNew().call(() -> store.append(
                                new AppendRequest(aggregate, expected, List.of(event("Tick", writer))),
                                metadata(writer)));
                        String previous = winners.put(result.appended().get(0).sequence(), writer);
                        assertThat(previous).as("sequence won twice").isNull();
                    } catch (ConcurrencyConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        List<StoredEvent> stream = store.readStream(aggregate);
        assertThat(stream).extracting(StoredEvent::sequence)
                .containsExactlyElementsOf(LongStream.range(0, stream.size()).boxed().toList());
        assertThat(winners).hasSize(stream.size());
        assertThat(stream.size() + conflicts.get()).isEqualTo(THREADS * ATTEMPTS_PER_THREAD);
        assertThat(conflicts.get()).as("writers really competed").isPositive();
        for (StoredEvent event : stream) {
            assertThat(event.payload().get("note").asText()).isEqualTo(winners.get(event.sequence()));
        }
    }
}
