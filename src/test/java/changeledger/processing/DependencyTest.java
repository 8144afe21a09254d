package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.NewEvent;
import changeledger.support.PlainDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that names processors it reads behind ({@link TrackingHandler#dependsOn()}) gets only events they have
 * processed: while the processor it follows is stuck on an event, it waits before that event, then catches up in order.
 */
class DependencyTest {

    private final AtomicBoolean stuck = new AtomicBoolean(true);
    private PlainDatabase db;
    private ProcessorEngine engine;
    private RecordingHandler leader;

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
        leader = new RecordingHandler("leader", e -> stuck.get() && e.payload().path("note").asText().equals("stuck"));
        RecordingHandler recorder = new RecordingHandler("follower");
        TrackingHandler follower = new TrackingHandler() {
            @Override
            public String name() {
                return "follower";
            }

            @Override
            public void handle(ProcessingBatch batch) throws Exception {
                recorder.handle(batch);
            }

            @Override
            public List<String> dependsOn() {
                return List.of("leader");
            }
        };
        engine = Engines.start(db, Engines.quick("solo"), leader, follower);
    }

    @AfterEach
    void tearDown() {
        engine.stop();
        db.close();
    }

    @Test
    void givenTheLeaderStuckOnAnEvent_thenTheFollowerStopsBeforeIt_andCatchesUpOnceTheLeaderMovesOn()
            throws Exception {
        NewEvent first = event("Dep", "first");
        db.appendCommitted(uniqueAggregate("Dep"), List.of(first));
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "follower").contains(first.id()));

        // given: the leader fails on the second event, again and again
        NewEvent blocker = event("Dep", "stuck");
        NewEvent third = event("Dep", "third");
        db.appendCommitted(uniqueAggregate("Dep"), List.of(blocker, third));
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.failures.get() >= 3);

        // then: the follower has taken nothing past the leader's cursor
        assertThat(Engines.delivered(db, "follower")).containsExactly(first.id());

        // when: the leader moves on
        stuck.set(false);

        // then: the follower gets the rest, once, in order
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "follower").size() == 3);
        assertThat(Engines.delivered(db, "follower")).containsExactly(first.id(), blocker.id(), third.id());
    }
}
