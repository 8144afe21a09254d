package changeledger.processing;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a transaction open after it appended, then commits a later event: processors lag (the
 * committed event waits behind the open one) until {@link #close()} lets the held one commit.
 */
final class HeldBackSafeHead implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> open;

    private HeldBackSafeHead(EventStore store) throws InterruptedException {
        CountDownLatch appended = new CountDownLatch(1);
        open = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            append(store, "held");
            appended.countDown();
            awaitQuietly(release);
        }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> append(store, "waiting"));
    }

    /** Opens the held transaction and commits an event behind it. */
    static HeldBackSafeHead hold(EventStore store) throws InterruptedException {
        return new HeldBackSafeHead(store);
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        open.get(30, TimeUnit.SECONDS);
    }

    private static void append(EventStore store, String note) {
        store.append(new AppendRequest(uniqueAggregate("Monitored"), AppendRequest.NEW_STREAM,
                List.of(event("Noted", note))), metadata("monitoring"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
