package changeledger.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of the event table with its JSON columns still as the UTF-8 text PostgreSQL sent. Readers that pass the
 * JSON on unchanged (the audit API's pages and exports) take it as text, and parse nothing.
 *
 * @param position   the global position
 * @param id         the event id
 * @param aggregate  its stream
 * @param sequence   its sequence number in that stream
 * @param type       the event type
 * @param revision   the payload revision
 * @param payload    the payload as jsonb text, UTF-8
 * @param metadata   the metadata as jsonb text, UTF-8
 * @param occurredAt when the fact happened
 * @param recordedAt when the store committed it
 * @param txId       the id of the transaction that wrote it
 */
public record EventRow(long position, UUID id, AggregateRef aggregate, long sequence, String type, int revision,
                       byte[] payload, byte[] metadata, Instant occurredAt, Instant recordedAt, long txId) {

    GlobalCursor cursor() {
        return new GlobalCursor(txId, position);
    }

    /** The event of this row with its JSON parsed (and not upcast). */
    StoredEvent decoded(JsonNode parsedPayload, JsonNode parsedMetadata) {
        return new StoredEvent(position, id, aggregate, sequence, type, revision, parsedPayload, parsedMetadata,
                occurredAt, recordedAt, txId);
    }

    /** The same row with another revision and payload (an upcast payload, serialised). */
    EventRow withPayload(int newRevision, byte[] newPayload) {
        return new EventRow(position, id, aggregate, sequence, type, newRevision, newPayload, metadata, occurredAt,
                recordedAt, txId);
    }

    /** The payload as compact JSON text. */
    public String payloadJson() {
        return compact(payload);
    }

    /** The metadata as compact JSON text. */
    public String metadataJson() {
        return compact(metadata);
    }

    /**
     * The JSON text without the blanks PostgreSQL prints after {@code :} and {@code ,} of a jsonb value: the same
     * text a JSON serialiser writes for the parsed value, made without parsing it. Blanks inside strings stay.
     */
    static String compact(byte[] json) {
        byte[] out = null;
        int length = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    if (out != null) {
                        out[length++] = b;
                    }
                    b = json[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
                if (out == null) {
                    out = new byte[json.length - 1];
                    System.arraycopy(json, 0, out, 0, i);
                    length = i;
                }
                continue;
            }
            if (out != null) {
                out[length++] = b;
            }
        }
        return out == null ? new String(json, StandardCharsets.UTF_8)
                : new String(out, 0, length, StandardCharsets.UTF_8);
    }
}
