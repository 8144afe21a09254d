package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.NewEvent;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener's connection dies: it reconnects and the processors catch up fully, without waiting for a poll. */
class WakeUpTest {

    private static final Duration NEVER = Duration.ofMinutes(10);

    private PlainDatabase db;
    private ProcessorEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
        engine = Engines.start(db, Engines.settings("solo", 100, NEVER, NEVER, Duration.ofMinutes(30), true),
                new RecordingHandler("woken"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.token(db, "woken").owner() != null);
    }

    @AfterEach
    void tearDown() {
        engine.stop();
        db.close();
    }

    @Test
    void givenListenerConnectionKilled_whenEventsCommitMeanwhile_thenItReconnectsAndTheProcessorCatchesUp()
            throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners() == 1);

        // when: the listening backend is terminated and an event commits before it is back
        db.execute("""
                select pg_terminate_backend(pid) from pg_stat_activity
                 where datname = current_database() and query ilike 'listen %'""");
        NewEvent missed = event("Missed", "while nobody listened");
        db.appendCommitted(uniqueAggregate("Missed"), List.of(missed));

        // then: the listener reconnects and wakes the processor, long before any poll
        await().atMost(Duration.ofSeconds(15)).until(() -> Engines.delivered(db, "woken").contains(missed.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners() == 1);
        NewEvent live = event("Live", "after the reconnect");
        db.appendCommitted(uniqueAggregate("Live"), List.of(live));
        await().atMost(Duration.ofSeconds(10)).until(() -> Engines.delivered(db, "woken").contains(live.id()));
    }

    private long listeners() throws Exception {
        return db.queryLong("""
                select count(*) from pg_stat_activity where datname = current_database() and query ilike 'listen %'""");
    }
}
