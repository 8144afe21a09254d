package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Paging follows the gap-safe global order, not the position: when a transaction holds a low position and
 * appends again after another transaction committed a position in between, a client that pages on still
 * sees every event once.
 */
@QuarkusTest
class EventQueryOrderTest {

    @Inject
    EventStore store;

    @Test
    void givenPositionsCommittedOutOfOrder_whenPagingByNext_thenEveryEventOnceInTransactionOrder() throws Exception {
        String correlation = "order-" + UUID.randomUUID();
        EventMetadata metadata = new EventMetadata("key-test", "test", "test", correlation, null, null, "127.0.0.1");
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch middleCommitted = new CountDownLatch(1);
        List<Long> held = new ArrayList<>();

        // given: transaction 1 appends, transaction 2 appends and commits, transaction 1 appends again and commits
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            held.add(append(metadata, "first"));
            firstAppended.countDown();
            awaitLatch(middleCommitted);
            held.add(append(metadata, "third"));
        }));
        assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
        long middle = QuarkusTransaction.requiringNew().call(() -> append(metadata, "second"));
        middleCommitted.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(held.get(0)).isLessThan(middle);
        assertThat(held.get(1)).isGreaterThan(middle);

        // when: a client pages two at a time
        String reader = createKey("reader");
        await().atMost(Duration.ofSeconds(30)).until(() -> page(reader, correlation, null).jsonPath()
                .getList("items").size() == 2);
        Response firstPage = page(reader, correlation, null);
        Response secondPage = page(reader, correlation, firstPage.jsonPath().getString("next"));

        // then: the held transaction's two events come first, then the one committed in between
        assertThat(firstPage.jsonPath().getList("items.position", Long.class)).containsExactly(held.get(0), held.get(1));
        assertThat(firstPage.jsonPath().getLong("next")).isEqualTo(held.get(1));
        assertThat(secondPage.jsonPath().getList("items.position", Long.class)).containsExactly(middle);
        assertThat(secondPage.jsonPath().getString("next")).isNull();
    }

    private long append(EventMetadata metadata, String note) {
        return store.append(new AppendRequest(uniqueAggregate("Ordered"), AppendRequest.NEW_STREAM,
                List.of(event("Noted", note))), metadata).appended().get(0).position();
    }

    private static Response page(String token, String correlation, String after) {
        var request = as(token).queryParam("correlationId", correlation).queryParam("limit", 2);
        if (after != null) {
            request.queryParam("after", after);
        }
        Response response = request.get("/api/v1/events");
        response.then().statusCode(200);
        return response;
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
