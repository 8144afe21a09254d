package changeledger.eventstore;

import java.util.UUID;

/** An append reused the id of a stored event with a different payload, type or stream. */
public class EventIdConflictException extends RuntimeException {

    private final UUID eventId;

    /** Creates the exception for one event id. */
    public EventIdConflictException(UUID eventId, String detail) {
        super("Event " + eventId + " is already stored with other content: " + detail);
        this.eventId = eventId;
    }

    /** The id that was reused. */
    public UUID eventId() {
        return eventId;
    }
}
