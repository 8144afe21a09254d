package changeledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventPageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FIRST_REQUEST = "{\"source\": \"task-index\", \"requestId\": \"r-1\"}";
    private static final String SECOND_REQUEST = "{\"source\": \"task-index\", \"requestId\": \"r-2\"}";

    private final EventRepository repository = new EventRepository(MAPPER);

    @Test
    void givenRunsOfTheSameMetadata_whenDecoded_thenEachRunSharesOneNodeAndEveryEventHasItsOwnPayload() {
        EventPage page = page(row(1, "{\"n\": 1}", FIRST_REQUEST), row(2, "{\"n\": 2}", FIRST_REQUEST),
                row(3, "{\"n\": 3}", SECOND_REQUEST), row(4, "{\"n\": 4}", FIRST_REQUEST));

        List<StoredEvent> events = page.events();

        assertThat(events).extracting(e -> e.payload().get("n").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(events).extracting(e -> e.metadata().get("requestId").asText())
                .containsExactly("r-1", "r-1", "r-2", "r-1");
        assertThat(events.get(1).metadata()).isSameAs(events.get(0).metadata());
        assertThat(events.get(2).metadata()).isNotSameAs(events.get(1).metadata());
        assertThat(events.get(3).metadata()).isNotSameAs(events.get(0).metadata())
                .isEqualTo(events.get(0).metadata());
        assertThat(page.storedEvents()).isEqualTo(events);
        assertThat(page.events()).as("decoded once, then kept").isSameAs(events);
    }

    @Test
    void givenUnreadableStoredJson_whenDecoded_thenTheErrorNamesThePosition() {
        EventPage page = page(row(1, "{\"n\": 1}", FIRST_REQUEST), row(2, "{\"n\": ", FIRST_REQUEST));

        assertThatThrownBy(page::events).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event at position 2");
    }

    private EventPage page(EventRow... rows) {
        return repository.pageOf(List.of(rows));
    }

    private static EventRow row(long position, String payload, String metadata) {
        return new EventRow(position, UUID.randomUUID(), new AggregateRef("ProxmoxTask", "lab/" + position), 1,
                "ProxmoxTaskStarted", 1, payload.getBytes(StandardCharsets.UTF_8),
                metadata.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, Instant.EPOCH, 9);
    }
}
