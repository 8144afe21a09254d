package changeledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored (and, after reading, upcast to the newest revision of its type).
 *
 * @param position    the global position: unique, increasing within a transaction
 * @param id          the event id
 * @param aggregate   its stream
 * @param sequence    its sequence number in that stream
 * @param type        the event type
 * @param revision    the payload revision
 * @param payload     the payload
 * @param metadata    the metadata as stored
 * @param occurredAt  when the fact happened
 * @param recordedAt  when the store committed it (transaction time)
 * @param txId        the id of the transaction that wrote it; with the position it is the read cursor
 */
public record StoredEvent(long position, UUID id, AggregateRef aggregate, long sequence, String type, int revision,
                          JsonNode payload, JsonNode metadata, Instant occurredAt, Instant recordedAt, long txId) {

    /** The cursor just after this event in the global order. */
    public GlobalCursor cursor() {
        return new GlobalCursor(txId, position);
    }

    /** The same event with another revision and payload (used by upcasters). */
    public StoredEvent withPayload(int newRevision, JsonNode newPayload) {
        return new StoredEvent(position, id, aggregate, sequence, type, newRevision, newPayload, metadata,
                occurredAt, recordedAt, txId);
    }
}
