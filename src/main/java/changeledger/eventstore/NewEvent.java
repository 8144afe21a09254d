package changeledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append.
 *
 * @param id         the event id; a deterministic id makes a repeated append a duplicate, not a new event
 * @param type       the event type, e.g. {@code HostRegistered}
 * @param revision   the payload revision (1 or more); readers upcast older revisions
 * @param payload    the payload as JSON
 * @param occurredAt when the fact happened (not when it was recorded)
 */
public record NewEvent(UUID id, String type, int revision, JsonNode payload, Instant occurredAt) {

    /** Validates the event. */
    public NewEvent {
        Objects.requireNonNull(id, "event id");
        Objects.requireNonNull(type, "event type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more");
        }
    }
}
