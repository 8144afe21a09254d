package changeledger.eventstore;

import static changeledger.support.TestEvents.event;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.TestEvents.uniqueAggregate;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventStoreReadStreamsTest {

    @Inject
    EventStore store;

    @Test
    void givenTwoStoredStreamsAndAnEmptyOne_whenReadingAllAtOnce_thenEachStreamInSequenceOrderAndNoEmptyEntry() {
        AggregateRef first = uniqueAggregate("Thing");
        AggregateRef second = uniqueAggregate("Thing");
        AggregateRef empty = uniqueAggregate("Thing");
        QuarkusTransaction.requiringNew().run(() -> store.appendAll(List.of(
                new AppendRequest(second, AppendRequest.NEW_STREAM, List.of(event("A", "s0"))),
                new AppendRequest(first, AppendRequest.NEW_STREAM,
                        List.of(event("A", "f0"), event("B", "f1"), event("C", "f2")))), metadata("r")));

        Map<AggregateRef, List<StoredEvent>> streams = store.readStreams(List.of(first, empty, second, first));

        assertThat(streams).containsOnlyKeys(first, second);
        assertThat(streams.get(first)).extracting(StoredEvent::sequence).containsExactly(0L, 1L, 2L);
        assertThat(streams.get(first)).extracting(e -> e.payload().get("note").asText())
                .containsExactly("f0", "f1", "f2");
        assertThat(streams.get(second)).extracting(StoredEvent::type).containsExactly("A");
    }

    @Test
    void givenNoStreams_whenReading_thenEmptyMap() {
        assertThat(store.readStreams(List.of())).isEmpty();
    }
}
