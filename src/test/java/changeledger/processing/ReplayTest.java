package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.NewEvent;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays build the next generation beside the live one and switch over when caught up. */
class ReplayTest {

    private static final String VISIBLE_ROWS = """
            select count(*) from test_projection p
              join processor_token t on t.name = p.processor and t.generation = p.generation
             where p.processor = 'replayed'
            """;

    private PlainDatabase db;
    private ProcessorEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.stop();
        }
        db.close();
    }

    @Test
    void givenBuiltProjection_whenReplayed_thenReadersNeverSeeAHalfBuiltGeneration() throws Exception {
        engine = Engines.start(db, Engines.settings("solo", 5, Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofSeconds(10), true), new RecordingHandler("replayed"));
        appendInTransactions(8, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.queryLong(VISIBLE_ROWS) == 40);
        List<Long> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> sample(seen, sampling));

        // when: a replay starts while writers keep appending
        assertThat(engine.requestReplay("replayed")).isEqualTo(2);
        appendInTransactions(2, 5);

        // then: generation 2 takes over with every event once; generation 1 is gone
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Token token = Engines.token(db, "replayed");
            return token.generation() == 2 && !token.replaying() && db.queryLong(VISIBLE_ROWS) == 50;
        });
        sampling.set(false);
        reader.get();
        assertThat(Engines.delivered(db, "replayed", 2)).hasSize(50).doesNotHaveDuplicates();
        assertThat(Engines.delivered(db, "replayed", 1)).isEmpty();
        // and: what readers saw never shrank: the old generation until the switch, then the complete new one
        assertThat(seen).isNotEmpty().isSorted().allMatch(count -> count >= 40);
    }

    @Test
    void givenReplayRunning_whenAnotherIsRequested_thenItIsRefused() {
        engine = new ProcessorEngine(db.dataSource(), new PlainTransactions(db.dataSource()), db.reader(),
                List.of(new RecordingHandler("replayed")), Engines.quick("idle"));

        assertThat(engine.requestReplay("replayed")).isEqualTo(2);

        assertThatThrownBy(() -> engine.requestReplay("replayed")).isInstanceOf(ReplayNotPossibleException.class)
                .hasMessageContaining("replaying already");
        engine = null;
    }

    @Test
    void givenSealerOrUnknownName_whenReplayRequested_thenRefused() {
        ProcessorEngine idle = new ProcessorEngine(db.dataSource(), new PlainTransactions(db.dataSource()),
                db.reader(), List.of(new SealingHandler()), Engines.quick("idle"));

        assertThatThrownBy(() -> idle.requestReplay(SealingHandler.NAME))
                .isInstanceOf(ReplayNotPossibleException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> idle.requestReplay("nope"))
                .isInstanceOf(UnknownProcessorException.class).hasMessageContaining(SealingHandler.NAME);
    }

    private void sample(List<Long> seen, AtomicBoolean sampling) {
        while (sampling.get()) {
            try {
                seen.add(db.queryLong(VISIBLE_ROWS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void appendInTransactions(int transactions, int eventsEach) throws Exception {
        for (int t = 0; t < transactions; t++) {
            List<NewEvent> events = IntStream.range(0, eventsEach).mapToObj(i -> event("Replay", "r" + i)).toList();
            db.appendCommitted(uniqueAggregate("Replay"), events);
        }
    }
}
