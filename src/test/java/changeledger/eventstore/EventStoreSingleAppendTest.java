package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One event to an existing stream (the scalar-parameter statement of ADR 0010): stored with its position, a
 * re-sent event is a duplicate, the same id with another payload is an id conflict, and a stream that is not at
 * the expected sequence is a concurrency conflict even when the id is stored.
 */
@QuarkusTest
class EventStoreSingleAppendTest {

    @Inject
    EventStore store;

    private AppendResult append(AggregateRef aggregate, long expected, NewEvent event) {
        return QuarkusTransaction.requiringNew().call(() ->
                store.append(new AppendRequest(aggregate, expected, List.of(event)), metadata("r")));
    }

    @Test
    void givenStreamAtZero_whenAppendingOneWithExpectedZero_thenStoredAtOneWithItsPosition() {
        AggregateRef aggregate = uniqueAggregate("Thing");
        long first = append(aggregate, AppendRequest.NEW_STREAM, event("A", "a")).appended().get(0).position();

        AppendResult result = append(aggregate, 0, event("B", "b"));

        assertThat(result.duplicates()).isEmpty();
        assertThat(result.appended()).singleElement().satisfies(appended -> {
            assertThat(appended.sequence()).isEqualTo(1L);
            assertThat(appended.position()).isGreaterThan(first);
        });
        assertThat(store.readStream(aggregate)).extracting(StoredEvent::sequence).containsExactly(0L, 1L);
    }

    @Test
    void givenStoredEvent_whenResentWithAnExpectedSequenceTheStreamHas_thenDuplicate() {
        AggregateRef aggregate = uniqueAggregate("Thing");
        append(aggregate, AppendRequest.NEW_STREAM, event("A", "a"));
        NewEvent second = event("B", "b");
        append(aggregate, 0, second);

        AppendResult again = append(aggregate, 0, second);

        assertThat(again.appended()).isEmpty();
        assertThat(again.duplicates()).containsExactly(second.id());
        assertThat(store.readStream(aggregate)).hasSize(2);
    }

    @Test
    void givenStoredEvent_whenSameIdWithOtherPayloadAtAnExpectedSequenceTheStreamHas_thenIdConflict() {
        AggregateRef aggregate = uniqueAggregate("Thing");
        append(aggregate, AppendRequest.NEW_STREAM, event("A", "a"));
        UUID id = UUID.randomUUID();
        append(aggregate, 0, event(id, "B", "original"));

        assertThatThrownBy(() -> append(aggregate, 0, event(id, "B", "changed")))
                .isInstanceOf(EventIdConflictException.class)
                .hasMessageContaining("payload differs");
        assertThat(store.readStream(aggregate).get(1).payload().get("note").asText()).isEqualTo("original");
    }

    @Test
    void givenStoredEvent_whenResentWithAnExpectedSequenceBeyondTheStream_thenConcurrencyConflict() {
        AggregateRef aggregate = uniqueAggregate("Thing");
        NewEvent stored = event("A", "a");
        append(aggregate, AppendRequest.NEW_STREAM, stored);

        assertThatThrownBy(() -> append(aggregate, 4, stored))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining("no event at that sequence");
        assertThat(store.readStream(aggregate)).hasSize(1);
    }

    @Test
    void givenStreamAtZero_whenAppendingOneWithExpectedTwo_thenConcurrencyConflictAndNoGap() {
        AggregateRef aggregate = uniqueAggregate("Thing");
        append(aggregate, AppendRequest.NEW_STREAM, event("A", "a"));

        assertThatThrownBy(() -> append(aggregate, 2, event("B", "b")))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining(aggregate.toString());
        assertThat(store.readStream(aggregate)).extracting(StoredEvent::sequence).containsExactly(0L);
    }

    @Test
    void givenStreamAtOne_whenAppendingOneWithExpectedZero_thenConcurrencyConflict() {
        AggregateRef aggregate = uniqueAggregate("Thing");
        append(aggregate, AppendRequest.NEW_STREAM, event("A", "a"));
        append(aggregate, 0, event("B", "b"));

        assertThatThrownBy(() -> append(aggregate, 0, event("C", "c")))
                .isInstanceOf(ConcurrencyConflictException.class)
                .hasMessageContaining("another writer");
        assertThat(store.readStream(aggregate)).hasSize(2);
    }
}
