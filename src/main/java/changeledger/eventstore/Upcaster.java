package changeledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the payload of one revision of an event type into the next revision.
 * Feature packages provide them as CDI beans; the store applies them in a chain when reading.
 */
public interface Upcaster {

    /** The event type this upcaster reads. */
    String eventType();

    /** The revision it reads; it produces {@code fromRevision() + 1}. */
    int fromRevision();

    /** The payload at {@code fromRevision() + 1}. Must not modify its argument. */
    JsonNode upcast(JsonNode payload, StoredEvent event);
}
