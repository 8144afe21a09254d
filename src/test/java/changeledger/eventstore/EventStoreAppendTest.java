package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStoreAppendTest {

    @Inject
    EventStore store;

    private AppendResult append(AggregateRef aggregate, long expected, List<NewEvent> events, String requestId) {
        return QuarkusTransaction.requiringNew().call(() ->
                store.append(new AppendRequest(aggregate, expected, events), metadata(requestId)));
    }

    @Nested
    class Sequences {

        @Test
        void givenNewStream_whenAppendingTwo_thenTheyGetSequencesZeroAndOneInOrder() {
            AggregateRef aggregate = uniqueAggregate("Thing");

            AppendResult result = append(aggregate, AppendRequest.NEW_STREAM,
                    List.of(event("ThingCreated", "a"), event("ThingRenamed", "b")), "r1");

            assertThat(result.appended()).extracting(AppendResult.Appended::sequence).containsExactly(0L, 1L);
            assertThat(result.appended().get(1).position()).isGreaterThan(result.appended().get(0).position());
            List<StoredEvent> stream = store.readStream(aggregate);
            assertThat(stream).extracting(StoredEvent::type).containsExactly("ThingCreated", "ThingRenamed");
            assertThat(stream.get(0).metadata().get("requestId").asText()).isEqualTo("r1");
            assertThat(stream.get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-01T10:15:30Z"));
            assertThat(store.lastSequence(aggregate)).isEqualTo(1);
        }

        @Test
        void givenStreamAtOne_whenAppendingWithExpectedZero_thenConflictAndNothingStored() {
            AggregateRef aggregate = uniqueAggregate("Thing");
            append(aggregate, AppendRequest.NEW_STREAM, List.of(event("A", "a"), event("B", "b")), "r");

            assertThatThrownBy(() -> append(aggregate, 0, List.of(event("C", "c")), "r"))
                    .isInstanceOf(ConcurrencyConflictException.class)
                    .hasMessageContaining(aggregate.toString());
            assertThat(store.readStream(aggregate)).hasSize(2);
        }

        @Test
        void givenEmptyStream_whenAppendingWithExpectedBeyondItsEnd_thenConflictInsteadOfAGap() {
            AggregateRef aggregate = uniqueAggregate("Thing");

            assertThatThrownBy(() -> append(aggregate, 3, List.of(event("A", "a")), "r"))
                    .isInstanceOf(ConcurrencyConflictException.class)
                    .hasMessageContaining("no event at that sequence");
            assertThat(store.readStream(aggregate)).isEmpty();
        }

        @Test
        void givenTwoStreams_whenOneIsBehindItsExpectedSequence_thenConflictAndNeitherStreamStored() {
            AggregateRef ready = uniqueAggregate("Thing");
            AggregateRef behind = uniqueAggregate("Thing");
            append(ready, AppendRequest.NEW_STREAM, List.of(event("A", "a")), "r");

            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> store.appendAll(List.of(
                    new AppendRequest(ready, 0, List.of(event("B", "b"), event("C", "c"))),
                    new AppendRequest(behind, 2, List.of(event("A", "a")))), metadata("r"))))
                    .isInstanceOf(ConcurrencyConflictException.class)
                    .hasMessageContaining(behind.toString())
                    .hasMessageContaining("no event at that sequence");
            assertThat(store.readStream(ready)).hasSize(1);
            assertThat(store.readStream(behind)).isEmpty();
        }

        @Test
        void givenExistingStream_whenAppendingAsNew_thenConflict() {
            AggregateRef aggregate = uniqueAggregate("Thing");
            append(aggregate, AppendRequest.NEW_STREAM, List.of(event("A", "a")), "r");

            assertThatThrownBy(() -> append(aggregate, AppendRequest.NEW_STREAM, List.of(event("A", "other")), "r"))
                    .isInstanceOf(ConcurrencyConflictException.class);
        }
    }

    @Nested
    class Idempotency {

        @Test
        void givenStoredEvent_whenAppendedAgainWithOtherMetadata_thenDuplicateAndNoNewRow() {
            AggregateRef aggregate = uniqueAggregate("Thing");
            UUID id = UUID.randomUUID();
            append(aggregate, AppendRequest.NEW_STREAM, List.of(event(id, "A", "same")), "first");

            AppendResult again = append(aggregate, AppendRequest.NEW_STREAM, List.of(event(id, "A", "same")), "second");

            assertThat(again.appended()).isEmpty();
            assertThat(again.duplicates()).containsExactly(id);
            List<StoredEvent> stream = store.readStream(aggregate);
            assertThat(stream).hasSize(1);
            assertThat(stream.get(0).metadata().get("requestId").asText()).isEqualTo("first");
        }

        @Test
        void givenStartedStored_whenStartedAndFinishedAppended_thenOnlyFinishedIsNew() {
            AggregateRef aggregate = uniqueAggregate("Task");
            NewEvent started = event("Started", "s");
            append(aggregate, AppendRequest.NEW_STREAM, List.of(started), "r");

            AppendResult result = append(aggregate, AppendRequest.NEW_STREAM,
                    List.of(started, event("Finished", "f")), "r");

            assertThat(result.duplicates()).containsExactly(started.id());
            assertThat(result.appended()).singleElement().extracting(AppendResult.Appended::sequence).isEqualTo(1L);
        }

        @Test
        void givenStoredEvent_whenSameIdWithOtherPayload_thenConflictAndTransactionRolledBack() {
            AggregateRef aggregate = uniqueAggregate("Thing");
            UUID id = UUID.randomUUID();
            append(aggregate, AppendRequest.NEW_STREAM, List.of(event(id, "A", "original")), "r");
            AggregateRef other = uniqueAggregate("Thing");

            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                store.append(new AppendRequest(other, AppendRequest.NEW_STREAM, List.of(event("B", "x"))),
                        metadata("r"));
                store.append(new AppendRequest(aggregate, AppendRequest.NEW_STREAM,
                        List.of(event(id, "A", "changed"))), metadata("r"));
            })).isInstanceOf(EventIdConflictException.class).hasMessageContaining("payload differs");

            assertThat(store.readStream(other)).as("the whole transaction rolled back").isEmpty();
            assertThat(store.readStream(aggregate).get(0).payload().get("note").asText()).isEqualTo("original");
        }

        @Test
        void givenStoredEvent_whenSameIdInAnotherStream_thenConflict() {
            UUID id = UUID.randomUUID();
            append(uniqueAggregate("Thing"), AppendRequest.NEW_STREAM, List.of(event(id, "A", "x")), "r");

            assertThatThrownBy(() -> append(uniqueAggregate("Thing"), AppendRequest.NEW_STREAM,
                    List.of(event(id, "A", "x")), "r"))
                    .isInstanceOf(EventIdConflictException.class).hasMessageContaining("belongs to stream");
        }

        @Test
        void givenPayloadWithKeysInOtherOrder_whenAppendedAgain_thenStillDuplicate() {
            AggregateRef aggregate = uniqueAggregate("Thing");
            UUID id = UUID.randomUUID();
            var first = JsonNodeFactory.instance.objectNode().put("a", 1).put("b", "two");
            var second = JsonNodeFactory.instance.objectNode().put("b", "two").put("a", 1);
            Instant at = Instant.parse("2026-11-02T00:00:00Z");
            append(aggregate, AppendRequest.NEW_STREAM, List.of(new NewEvent(id, "A", 1, first, at)), "r");

            AppendResult again = append(aggregate, AppendRequest.NEW_STREAM,
                    List.of(new NewEvent(id, "A", 1, second, at)), "r");

            assertThat(again.duplicates()).containsExactly(id);
        }
    }

    @Nested
    class Transactions {

        @Test
        void givenNoTransaction_whenAppending_thenRefused() {
            assertThatThrownBy(() -> store.append(new AppendRequest(uniqueAggregate("Thing"),
                    AppendRequest.NEW_STREAM, List.of(event("A", "a"))), metadata("r")))
                    .isInstanceOf(jakarta.transaction.TransactionalException.class);
        }

        @Test
        void givenAppendInRolledBackTransaction_thenNothingIsStored() {
            AggregateRef aggregate = uniqueAggregate("Thing");

            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                store.append(new AppendRequest(aggregate, AppendRequest.NEW_STREAM, List.of(event("A", "a"))),
                        metadata("r"));
                throw new IllegalStateException("caller fails after the append");
            })).hasMessageContaining("caller fails");

            assertThat(store.readStream(aggregate)).isEmpty();
        }
    }

    @Nested
    class Statements {

        private static final int MAX = EventStore.EVENTS_PER_STATEMENT;

        private List<NewEvent> events(int count) {
            List<NewEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(event("E", "n" + i));
            }
            return events;
        }

        @Test
        void givenRequests_whenCutIntoStatements_thenOrderKeptAndSplitPartsExpectWhereTheEarlierPartEnds() {
            AggregateRef a = new AggregateRef("T", "a");
            AggregateRef b = new AggregateRef("T", "b");
            AggregateRef c = new AggregateRef("T", "c");
            List<AppendRequest> ordered = List.of(new AppendRequest(a, AppendRequest.NEW_STREAM, events(2)),
                    new AppendRequest(b, 4, events(5)), new AppendRequest(c, AppendRequest.NEW_STREAM, events(1)));

            List<List<AppendRequest>> statements = EventStore.statements(ordered, 3);

            assertThat(statements).extracting(s -> s.stream()
                            .map(r -> r.aggregate().id() + "@" + r.expectedSequence() + "+" + r.events().size())
                            .toList())
                    .containsExactly(List.of("a@-1+2", "b@4+1"), List.of("b@5+3"), List.of("b@8+1", "c@-1+1"));
            assertThat(statements.stream().flatMap(s -> s.stream().flatMap(r -> r.events().stream())).toList())
                    .isEqualTo(ordered.stream().flatMap(r -> r.events().stream()).toList());
        }

        @Test
        void givenAppendOfMoreThanOneStatement_whenAppending_thenEveryEventStoredInSequence() {
            AggregateRef first = new AggregateRef("Thing", "a-" + UUID.randomUUID());
            AggregateRef big = new AggregateRef("Thing", "b-" + UUID.randomUUID());

            AppendResult result = QuarkusTransaction.requiringNew().call(() -> store.appendAll(List.of(
                    new AppendRequest(big, AppendRequest.NEW_STREAM, events(MAX + 5)),
                    new AppendRequest(first, AppendRequest.NEW_STREAM, events(3))), metadata("r")));

            assertThat(result.appended()).hasSize(MAX + 8);
            assertThat(store.readStream(first)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
            assertThat(store.readStream(big)).extracting(StoredEvent::sequence)
                    .isEqualTo(LongStream.range(0, MAX + 5).boxed().toList());
        }

        @Test
        void givenConflictInTheLastStatement_whenAppending_thenNothingIsStored() {
            AggregateRef first = new AggregateRef("Thing", "a-" + UUID.randomUUID());
            AggregateRef last = new AggregateRef("Thing", "z-" + UUID.randomUUID());
            UUID id = UUID.randomUUID();
            append(uniqueAggregate("Thing"), AppendRequest.NEW_STREAM, List.of(event(id, "A", "original")), "r");

            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> store.appendAll(List.of(
                    new AppendRequest(last, AppendRequest.NEW_STREAM, List.of(event(id, "A", "changed"))),
                    new AppendRequest(first, AppendRequest.NEW_STREAM, events(MAX + 1))), metadata("r"))))
                    .isInstanceOf(EventIdConflictException.class);

            assertThat(store.readStream(first)).isEmpty();
            assertThat(store.readStream(last)).isEmpty();
        }
    }
}
