package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.NewEvent;
import changeledger.eventstore.seal.SealChain;
import changeledger.eventstore.seal.Verification;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers (some rolling back) against two processor instances on one database; one
 * instance stops half way. The projection and the seal chain must hold exactly the committed events.
 */
class LoadTest {

    private static final int WRITERS = 8;
    private static final int EVENTS_PER_WRITER = 5_000;

    @Test
    void givenEightWritersAndTwoInstances_whenAllCommitted_thenProjectionHoldsEachCommittedEventExactlyOnce()
            throws Exception {
        try (PlainDatabase db = PlainDatabase.migrated()) {
            try (Connection connection = db.connect()) {
                RecordingHandler.createTable(connection);
            }
            ProcessorEngine a = Engines.start(db, Engines.quick("instance-a"), new RecordingHandler("load"),
                    new SealingHandler());
            await().atMost(Duration.ofSeconds(10)).until(() -> "instance-a".equals(Engines.token(db, "load").owner()));
            ProcessorEngine b = Engines.start(db, Engines.quick("instance-b"), new RecordingHandler("load"),
                    new SealingHandler());
            Set<UUID> committed = Collections.synchronizedSet(new HashSet<>());
            CountDownLatch halfWritten = new CountDownLatch(WRITERS);
            try {
                // when: eight writers append in random batches, about one transaction in ten rolls back
                List<CompletableFuture<Void>> writers = IntStream.range(0, WRITERS)
                        .mapToObj(w -> CompletableFuture.runAsync(() -> write(db, committed, halfWritten)))
                        .toList();
                // and: instance A stops half way, B takes over
                assertThat(halfWritten.await(60, TimeUnit.SECONDS)).isTrue();
                a.stop();
                CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

                // then: exactly the committed events, none twice, none missing
                await().atMost(Duration.ofSeconds(60)).until(() -> Engines.delivered(db, "load").size() >= committed.size());
                List<UUID> delivered = Engines.delivered(db, "load");
                assertThat(delivered).hasSize(committed.size()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(delivered)).isEqualTo(committed);
                assertThat(Engines.token(db, "load").owner()).isEqualTo("instance-b");

                // and: the sealer sealed each of them once, and the chain verifies
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> db.queryLong("select count(*) from event_seal") >= committed.size());
                try (Connection connection = db.connect()) {
                    Verification verification = new SealChain().verify(connection, null, null);
                    assertThat(verification.verified()).as(verification.reason()).isTrue();
                    assertThat(verification.checked()).isEqualTo(committed.size());
                }
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static void write(PlainDatabase db, Set<UUID> committed, CountDownLatch halfWritten) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            int written = 0;
            boolean half = false;
            while (written < EVENTS_PER_WRITER) {
                int size = Math.min(1 + random.nextInt(40), EVENTS_PER_WRITER - written);
                List<NewEvent> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(event("Load", "load " + written + i));
                }
                db.append(connection, uniqueAggregate("Load"), batch);
                if (random.nextInt(10) == 0) {
                    connection.rollback();
                } else {
                    connection.commit();
                    batch.forEach(e -> committed.add(e.id()));
                }
                written += size;
                if (!half && written >= EVENTS_PER_WRITER / 2) {
                    half = true;
                    halfWritten.countDown();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("writer failed", e);
        }
    }
}
