package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AppendResult;
import changeledger.eventstore.NewEvent;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A handler failing mid-batch, and an instance dying while it holds a claim. */
class CrashTest {

    private PlainDatabase db;
    private final List<ProcessorEngine> engines = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
    }

    @AfterEach
    void tearDown() {
        engines.forEach(ProcessorEngine::stop);
        db.close();
    }

    @Test
    void givenHandlerThatThrowsHalfWayThroughABatch_whenRestartedHealthy_thenNothingIsLostOrDoubled() throws Exception {
        List<NewEvent> events = IntStream.range(0, 35).mapToObj(i -> event("Crash", "event " + i)).toList();
        AppendResult stored = db.appendCommitted(uniqueAggregate("Crash"), events);
        long failingPosition = stored.appended().get(24).position();
        long lastGoodPosition = stored.appended().get(19).position();
        RecordingHandler failing = new RecordingHandler("crashy", e -> e.position() == failingPosition);

        // given: batches of 10; the third batch writes 4 rows, then throws, again and again
        ProcessorEngine first = start("first", failing);
        await().atMost(Duration.ofSeconds(10)).until(() -> failing.failures.get() >= 2);
        first.stop();

        // then: token and projection stand at the last committed batch
        assertThat(Engines.delivered(db, "crashy")).containsExactlyElementsOf(ids(events.subList(0, 20)));
        assertThat(Engines.token(db, "crashy").cursor().position()).isEqualTo(lastGoodPosition);

        // when: a healthy handler restarts from the token
        start("second", new RecordingHandler("crashy"));

        // then: every event exactly once, in order
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "crashy").size() >= 35);
        assertThat(Engines.delivered(db, "crashy")).containsExactlyElementsOf(ids(events));
    }

    @Test
    void givenOwnerThatDies_whenItsLeaseRunsOut_thenAnotherInstanceTakesOverWhereItStopped() throws Exception {
        List<NewEvent> before = IntStream.range(0, 15).mapToObj(i -> event("Claim", "before " + i)).toList();
        db.appendCommitted(uniqueAggregate("Claim"), before);
        ProcessorEngine dying = start("dying", new RecordingHandler("claimed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "claimed").size() == 15);
        ProcessorEngine survivor = start("survivor", new RecordingHandler("claimed"));
        assertThat(Engines.token(db, "claimed").owner()).isEqualTo("dying");

        // when: the owner dies without releasing its claim
        dying.stopWithoutReleasing();
        engines.remove(dying);
        List<NewEvent> after = IntStream.range(0, 15).mapToObj(i -> event("Claim", "after " + i)).toList();
        db.appendCommitted(uniqueAggregate("Claim"), after);

        // then: the survivor claims it once the lease (2 s) has run out, and continues without gaps or doubles
        await().atMost(Duration.ofSeconds(15)).until(() -> Engines.delivered(db, "claimed").size() >= 30);
        assertThat(Engines.token(db, "claimed").owner()).isEqualTo("survivor");
        List<NewEvent> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(Engines.delivered(db, "claimed")).containsExactlyElementsOf(ids(all));
        assertThat(survivor.statuses()).filteredOn(s -> s.name().equals("claimed"))
                .singleElement().satisfies(s -> assertThat(s.owner()).isEqualTo("survivor"));
    }

    private ProcessorEngine start(String instance, TrackingHandler handler) {
        ProcessorEngine engine = Engines.start(db, Engines.settings(instance, 10, Duration.ofMillis(100),
                Duration.ofMillis(50), Duration.ofSeconds(2), true), handler);
        engines.add(engine);
        return engine;
    }

    private static List<UUID> ids(List<NewEvent> events) {
        return events.stream().map(NewEvent::id).toList();
    }
}
