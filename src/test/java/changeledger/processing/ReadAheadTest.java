package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.processing.ReadAhead.Lane;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read ahead of a processor that is behind (ADR 0012): a page read on another thread is the page the batch
 * would have read, is used only at exactly its cursor, never reaches past an open transaction, and a processor
 * that catches up through it still sees every event once, in order.
 */
class ReadAheadTest {

    private PlainDatabase db;
    private ReadAhead readAhead;

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
        readAhead = new ReadAhead("read-ahead-test", new PlainTransactions(db.dataSource()), db.reader()::fetchAfter);
    }

    @AfterEach
    void tearDown() {
        readAhead.close();
        db.close();
    }

    @Test
    void givenPageReadAhead_whenTakenAtItsCursor_thenItHoldsWhatTheBatchWouldHaveRead() throws Exception {
        appendCommitted(30);
        GlobalCursor afterTen = readNow(GlobalCursor.START, 10).last();

        readAhead.start(Lane.LIVE, afterTen, 10);
        Optional<EventPage> taken = readAhead.take(Lane.LIVE, afterTen);

        assertThat(taken).isPresent();
        assertThat(ids(taken.get())).hasSize(10).isEqualTo(ids(readNow(afterTen, 10)));
        assertThat(taken.get().last()).isEqualTo(readNow(afterTen, 10).last());
    }

    @Test
    void givenPageReadAhead_whenTheTokenStandsElsewhere_thenNothingIsTakenAndThePageIsDropped() throws Exception {
        appendCommitted(20);
        GlobalCursor afterFive = readNow(GlobalCursor.START, 5).last();
        readAhead.start(Lane.LIVE, GlobalCursor.START, 10);

        assertThat(readAhead.take(Lane.LIVE, afterFive)).as("a page read from another cursor").isEmpty();
        assertThat(readAhead.take(Lane.LIVE, GlobalCursor.START)).as("the page after it was refused").isEmpty();
    }

    @Test
    void givenLiveAndReplayReadsAhead_whenBothTaken_thenEachLaneGetsItsOwnPage() throws Exception {
        appendCommitted(20);
        GlobalCursor afterFifteen = readNow(GlobalCursor.START, 15).last();
        readAhead.start(Lane.REPLAY, GlobalCursor.START, 5);
        readAhead.start(Lane.LIVE, afterFifteen, 10);

        assertThat(ids(readAhead.take(Lane.REPLAY, GlobalCursor.START).orElseThrow()))
                .isEqualTo(ids(readNow(GlobalCursor.START, 5)));
        assertThat(ids(readAhead.take(Lane.LIVE, afterFifteen).orElseThrow()))
                .hasSize(5).isEqualTo(ids(readNow(afterFifteen, 10)));
    }

    @Test
    void givenOpenTransactionBeforeCommittedEvents_whenReadAhead_thenThePageStopsBeforeTheOpenTransaction()
            throws Exception {
        appendCommitted(3);
        GlobalCursor head = readNow(GlobalCursor.START, 100).last();
        NewEvent held = event("Held", "open while the page is read");
        NewEvent later = event("Later", "committed behind the open one");
        try (Connection open = db.connect()) {
            open.setAutoCommit(false);
            db.append(open, uniqueAggregate("ReadAhead"), List.of(held));
            db.appendCommitted(uniqueAggregate("ReadAhead"), List.of(later));

            readAhead.start(Lane.LIVE, head, 10);
            EventPage page = readAhead.take(Lane.LIVE, head).orElseThrow();
            assertThat(page.isEmpty()).as("the committed event waits behind the open transaction").isTrue();
            open.commit();
        }
        readAhead.start(Lane.LIVE, head, 10);
        assertThat(ids(readAhead.take(Lane.LIVE, head).orElseThrow())).containsExactly(held.id(), later.id());
    }

    @Test
    void givenReadAheadThatFails_whenTaken_thenTheBatchReadsItself() throws Exception {
        appendCommitted(5);
        ReadAhead failing = new ReadAhead("failing", new Transactions() {
            @Override
            public <T> T inTransaction(Work<T> work) throws SQLException {
                throw new SQLException("connection refused");
            }
        }, db.reader()::fetchAfter);
        try {
            failing.start(Lane.LIVE, GlobalCursor.START, 10);
            assertThat(failing.take(Lane.LIVE, GlobalCursor.START)).isEmpty();
        } finally {
            failing.close();
        }
    }

    @Test
    void givenBacklogOfManyBatches_whenProcessorCatchesUp_thenEveryEventArrivesOnceInOrder() throws Exception {
        appendCommitted(503);
        List<UUID> stored = ids(readNow(GlobalCursor.START, 1_000));
        ProcessorEngine engine = Engines.start(db, Engines.settings("solo", 7, Duration.ofMillis(200),
                Duration.ofMillis(50), Duration.ofSeconds(10), true), new RecordingHandler("catching-up"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Engines.delivered(db, "catching-up").size() >= 503);
            List<NewEvent> more = appendCommitted(40);
            await().atMost(Duration.ofSeconds(30)).until(() -> Engines.delivered(db, "catching-up").size() >= 543);
            assertThat(Engines.delivered(db, "catching-up")).hasSize(543).startsWith(stored.toArray(UUID[]::new))
                    .endsWith(more.stream().map(NewEvent::id).toArray(UUID[]::new));
            assertThat(Engines.token(db, "catching-up").cursor()).isEqualTo(readNow(GlobalCursor.START, 1_000).last());
        } finally {
            engine.stop();
        }
    }

    @Test
    void givenHandlerThatCapsItsBatches_whenCatchingUp_thenNoBatchIsLargerAndNoEventIsMissed() throws Exception {
        appendCommitted(50);
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        RecordingHandler recording = new RecordingHandler("capped");
        TrackingHandler capped = new TrackingHandler() {
            @Override
            public String name() {
                return recording.name();
            }

            @Override
            public void handle(ProcessingBatch batch) throws Exception {
                sizes.add(batch.events().size());
                recording.handle(batch);
            }

            @Override
            public int maxBatchSize() {
                return 4;
            }
        };
        ProcessorEngine engine = Engines.start(db, Engines.settings("solo", 100, Duration.ofMillis(200),
                Duration.ofMillis(50), Duration.ofSeconds(10), true), capped);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Engines.delivered(db, "capped").size() >= 50);
            assertThat(Engines.delivered(db, "capped")).isEqualTo(ids(readNow(GlobalCursor.START, 100)));
            assertThat(sizes).allMatch(size -> size <= 4).contains(4);
        } finally {
            engine.stop();
        }
    }

    private List<NewEvent> appendCommitted(int count) throws SQLException {
        List<NewEvent> events = IntStream.range(0, count).mapToObj(i -> event("Counted", "event " + i)).toList();
        for (int from = 0; from < count; from += 10) {
            db.appendCommitted(uniqueAggregate("ReadAhead"), events.subList(from, Math.min(count, from + 10)));
        }
        return events;
    }

    private EventPage readNow(GlobalCursor after, int limit) throws SQLException {
        try (Connection connection = db.connect()) {
            return db.reader().fetchAfter(connection, after, limit);
        }
    }

    private static List<UUID> ids(EventPage page) {
        return page.events().stream().map(StoredEvent::id).toList();
    }
}
