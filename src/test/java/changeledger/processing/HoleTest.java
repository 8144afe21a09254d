package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.NewEvent;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hole: a transaction holds an early position open while later ones commit. The regular poll is
 * (and the claim renewal) set to a minute or more, so every delivery here comes from NOTIFY or the short re-check while held back.
 */
class HoleTest {

    private static final Duration SLOW_POLL = Duration.ofMinutes(1);

    private PlainDatabase db;
    private ProcessorEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
        engine = Engines.start(db, Engines.settings("solo", 100, SLOW_POLL, Duration.ofMillis(50),
                Duration.ofMinutes(10), true),
                new RecordingHandler("holes"));
    }

    @AfterEach
    void tearDown() {
        engine.stop();
        db.close();
    }

    @Test
    void givenOpenTransactionBeforeCommittedOnes_whenItCommits_thenItsEventsAreDeliveredOnceInTransactionOrder()
            throws Exception {
        NewEvent first = event("Before", "committed first");
        db.appendCommitted(uniqueAggregate("Hole"), List.of(first));
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "holes").contains(first.id()));

        NewEvent a1 = event("A", "a1");
        NewEvent a2 = event("A", "a2");
        NewEvent b1 = event("B", "b1");
        NewEvent b2 = event("B", "b2");
        try (Connection a = db.connect(); Connection b = db.connect()) {
            // given: A takes positions and stays open
            a.setAutoCommit(false);
            long aPosition = db.append(a, uniqueAggregate("Hole"), List.of(a1, a2)).appended().get(0).position();
            // and: B appends later positions and commits
            long bPosition = db.appendCommitted(uniqueAggregate("Hole"), List.of(b1, b2)).appended().get(0).position();
            assertThat(bPosition).isGreaterThan(aPosition);
            // then: the processor has processed what it can, and B's events wait behind A
            await().atMost(Duration.ofSeconds(10)).until(() -> lagOf("holes") == 2);
            assertThat(Engines.delivered(db, "holes")).containsExactly(first.id());

            // when: A commits
            a.commit();
        }

        // then: everything arrives exactly once, A's events first (A's transaction is older)
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "holes").size() == 5);
        assertThat(Engines.delivered(db, "holes")).containsExactly(first.id(), a1.id(), a2.id(), b1.id(), b2.id());
    }

    @Test
    void givenOpenTransactionBeforeCommittedOnes_whenItRollsBack_thenTheProcessorMovesOnWithoutIt() throws Exception {
        NewEvent a1 = event("A", "rolled back");
        NewEvent b1 = event("B", "b1");
        try (Connection a = db.connect()) {
            a.setAutoCommit(false);
            db.append(a, uniqueAggregate("Hole"), List.of(a1));
            db.appendCommitted(uniqueAggregate("Hole"), List.of(b1));
            await().atMost(Duration.ofSeconds(10)).until(() -> lagOf("holes") == 1);
            assertThat(Engines.delivered(db, "holes")).isEmpty();

            a.rollback();
        }

        // a rollback sends no notification: the held-back re-check finds B long before the minute-long poll
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "holes").size() == 1);
        assertThat(Engines.delivered(db, "holes")).containsExactly(b1.id());
        assertThat(lagOf("holes")).isZero();
    }

    @Test
    void givenIdleProcessor_whenAnEventCommits_thenTheNotificationWakesItBeforeThePoll() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.token(db, "holes").owner() != null);
        NewEvent live = event("Live", "notified");

        db.appendCommitted(uniqueAggregate("Live"), List.of(live));

        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "holes").contains(live.id()));
    }

    private long lagOf(String name) {
        return engine.statuses().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().lagEvents();
    }
}
