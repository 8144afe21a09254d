package changeledger.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps the records of one sealed event interface to stored events and back. The event type is
 * the record's simple name; every record of the interface is known up front.
 *
 * @param <E> the sealed event interface of one aggregate
 */
public final class EventCodec<E> {

    private final ObjectMapper mapper;
    private final Map<String, Class<? extends E>> byType;
    private final Map<Class<?>, Integer> revisions;

    /**
     * Creates the codec.
     *
     * @param events    the sealed interface
     * @param mapper    the application mapper (copied; unknown fields in stored payloads are ignored)
     * @param revisions the current payload revision of records that have more than revision 1
     */
    @SuppressWarnings("unchecked")
    public EventCodec(Class<E> events, ObjectMapper mapper, Map<Class<? extends E>, Integer> revisions) {
        if (!events.isSealed()) {
            throw new IllegalArgumentException(events + " must be a sealed interface");
        }
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.byType = Arrays.stream(events.getPermittedSubclasses())
                .map(c -> (Class<? extends E>) c)
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
        this.revisions = Map.copyOf(revisions);
    }

    /** The event type name of a record. */
    public String typeOf(E event) {
        return event.getClass().getSimpleName();
    }

    /** The record as an event to append. */
    public NewEvent encode(UUID id, E event, Instant occurredAt) {
        JsonNode payload = mapper.valueToTree(event);
        return new NewEvent(id, typeOf(event), revisions.getOrDefault(event.getClass(), 1), payload, occurredAt);
    }

    /** Whether a stored event type belongs to this codec. */
    public boolean knows(String type) {
        return byType.containsKey(type);
    }

    /** The stored (and upcast) event as its record. */
    public E decode(StoredEvent event) {
        Class<? extends E> type = byType.get(event.type());
        if (type == null) {
            throw new IllegalArgumentException("Unknown event type " + event.type() + " in stream " + event.aggregate());
        }
        try {
            return mapper.treeToValue(event.payload(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Event at position " + event.position() + " (" + event.type()
                    + ") does not fit its record: " + e.getOriginalMessage(), e);
        }
    }
}
