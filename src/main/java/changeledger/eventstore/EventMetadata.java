package changeledger.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who and what caused an event. Stored as jsonb beside the payload; never part of the
 * duplicate comparison.
 *
 * @param actorKeyId    the id of the API key that caused it
 * @param actorName     the name of that key
 * @param source        where it came from, e.g. {@code api}, {@code task-index}, {@code sync}, {@code config}
 * @param correlationId groups the events of one piece of work
 * @param causationId   the id of the event or command that caused this one
 * @param requestId     the HTTP request id
 * @param clientAddress the client address (after trusted-proxy resolution)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMetadata(String actorKeyId, String actorName, String source, String correlationId,
                            String causationId, String requestId, String clientAddress) {

    /** Metadata for events the service records by itself. */
    public static EventMetadata system(String source) {
        return new EventMetadata(null, "changeledger", source, null, null, null, null);
    }
}
