package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.EventPage;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pages shared by the processors of one page size (ADR 0029): read once, parsed once, taken by each, never shared
 * when empty or failed, and processors that share them still see every event once, in order.
 */
class SharedPagesTest {

    private PlainDatabase db;
    private Connection open;
    private Connection closed;

    @BeforeEach
    void setUp() throws Exception {
        db = RecordingHandler.freshDatabase();
        open = db.connect();
        open.setAutoCommit(true);
        closed = db.connect();
        closed.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        open.close();
        db.close();
    }

    @Test
    void givenTwoReadersOfASize_whenBothAskAfterTheSameCursor_thenOneReadGivesBothTheSamePageParsedOnce()
            throws Exception {
        appendCommitted(30);
        SharedPages pages = new SharedPages(db.reader()::fetchAfter, Map.of(10, 2));

        EventPage first = pages.fetchAfter(open, GlobalCursor.START, 10);
        EventPage second = pages.fetchAfter(closed, GlobalCursor.START, 10);

        assertThat(second).as("taken without a read on the closed connection").isSameAs(first);
        assertThat(second.storedEvents()).isSameAs(first.storedEvents()).hasSize(10);
        assertThat(pages.size()).as("both readers took it").isZero();
        assertThatThrownBy(() -> pages.fetchAfter(closed, GlobalCursor.START, 10))
                .as("a third ask reads anew").isInstanceOf(SQLException.class);
    }

    @Test
    void givenASizeOneProcessorReads_whenAskedTwice_thenEachAskReadsAndNothingIsKept() throws Exception {
        appendCommitted(20);
        SharedPages pages = new SharedPages(db.reader()::fetchAfter, Map.of(10, 1, 5, 3));

        EventPage first = pages.fetchAfter(open, GlobalCursor.START, 10);
        EventPage second = pages.fetchAfter(open, GlobalCursor.START, 10);

        assertThat(second).isNotSameAs(first);
        assertThat(ids(second)).isEqualTo(ids(first));
        assertThat(pages.size()).isZero();
    }

    @Test
    void givenAnEmptyPageAtTheHead_whenAnotherAsksAfterNewEvents_thenItReadsThemItself() throws Exception {
        appendCommitted(3);
        SharedPages pages = new SharedPages(db.reader()::fetchAfter, Map.of(10, 2));
        GlobalCursor head = pages.fetchAfter(open, GlobalCursor.START, 10).last();
        pages.fetchAfter(open, GlobalCursor.START, 10);

        assertThat(pages.fetchAfter(open, head, 10).isEmpty()).isTrue();
        List<NewEvent> later = appendCommitted(4);

        assertThat(ids(pages.fetchAfter(open, head, 10))).isEqualTo(later.stream().map(NewEvent::id).toList());
    }

    @Test
    void givenAReadThatFails_whenTheOtherReaderAsks_thenItReadsForItself() throws Exception {
        appendCommitted(10);
        SharedPages pages = new SharedPages(db.reader()::fetchAfter, Map.of(10, 2));

        assertThatThrownBy(() -> pages.fetchAfter(closed, GlobalCursor.START, 10)).isInstanceOf(SQLException.class);

        assertThat(pages.fetchAfter(open, GlobalCursor.START, 10).size()).isEqualTo(10);
    }

    @Test
    void givenReadersAskingTogether_whenTheFirstReadIsSlow_thenTheOthersWaitForItAndNoneReadsAgain() throws Exception {
        appendCommitted(10);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SharedPages pages = new SharedPages((connection, after, limit) -> {
            reads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new SQLException("interrupted", e);
            }
            return db.reader().fetchAfter(connection, after, limit);
        }, Map.of(10, 3));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<EventPage>> asks = IntStream.range(0, 3).mapToObj(i -> threads.submit(() -> {
                try (Connection connection = db.connect()) {
                    return pages.fetchAfter(connection, GlobalCursor.START, 10);
                }
            })).toList();
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 1);
            release.countDown();

            EventPage page = asks.get(0).get(10, TimeUnit.SECONDS);
            assertThat(asks.get(1).get(10, TimeUnit.SECONDS)).isSameAs(page);
            assertThat(asks.get(2).get(10, TimeUnit.SECONDS)).isSameAs(page);
            assertThat(reads).hasValue(1);
            assertThat(pages.size()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void givenAReaderThatNeverComes_whenMorePagesAreRead_thenOnlyTheNewestAreKept() throws Exception {
        appendCommitted(60);
        SharedPages pages = new SharedPages(db.reader()::fetchAfter, Map.of(5, 2));
        GlobalCursor cursor = GlobalCursor.START;

        for (int i = 0; i < SharedPages.CAPACITY + 3; i++) {
            cursor = pages.fetchAfter(open, cursor, 5).last();
        }

        assertThat(pages.size()).isEqualTo(SharedPages.CAPACITY);
    }

    @Test
    void givenAPageTheOtherReaderNeverTakes_whenItHasWaitedTooLong_thenItIsDroppedAtTheNextAsk() throws Exception {
        appendCommitted(20);
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        SharedPages pages = new SharedPages(db.reader()::fetchAfter, Map.of(10, 2), now::get);
        GlobalCursor afterTen = pages.fetchAfter(open, GlobalCursor.START, 10).last();
        now.addAndGet(SharedPages.MAX_AGE_NANOS - 1);
        pages.fetchAfter(open, afterTen, 10);

        assertThat(pages.size()).as("both still waiting for their second reader").isEqualTo(2);
        now.addAndGet(2);
        assertThat(pages.fetchAfter(open, afterTen, 10).size()).as("the younger one is taken").isEqualTo(10);

        assertThat(pages.size()).as("the older one expired, the younger one was taken by both").isZero();
        assertThatThrownBy(() -> pages.fetchAfter(closed, GlobalCursor.START, 10))
                .as("the expired page is read anew").isInstanceOf(SQLException.class);
    }

    @Test
    void givenProcessorsOfOnePageSize_whenCatchingUpAndFollowing_thenEachSeesEveryEventOnceInOrder() throws Exception {
        List<UUID> stored = appendCommitted(503).stream().map(NewEvent::id).toList();
        ProcessorEngine engine = Engines.start(db, Engines.settings("solo", 7, Duration.ofMillis(200),
                        Duration.ofMillis(50), Duration.ofSeconds(10), true), new RecordingHandler("first"),
                new RecordingHandler("second"), new RecordingHandler("third"));
        try {
            List<UUID> more = appendCommitted(40).stream().map(NewEvent::id).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> List.of("first", "second", "third").stream()
                    .allMatch(name -> delivered(name).size() >= 543));

            for (String name : List.of("first", "second", "third")) {
                assertThat(delivered(name)).as(name).hasSize(543).startsWith(stored.toArray(UUID[]::new))
                        .endsWith(more.toArray(UUID[]::new));
            }
        } finally {
            engine.stop();
        }
    }

    private List<UUID> delivered(String processor) {
        try {
            return Engines.delivered(db, processor);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<NewEvent> appendCommitted(int count) throws SQLException {
        List<NewEvent> events = IntStream.range(0, count).mapToObj(i -> event("Counted", "event " + i)).toList();
        for (int from = 0; from < count; from += 10) {
            db.appendCommitted(uniqueAggregate("Shared"), events.subList(from, Math.min(count, from + 10)));
        }
        return events;
    }

    private static List<UUID> ids(EventPage page) {
        return page.events().stream().map(StoredEvent::id).toList();
    }
}
