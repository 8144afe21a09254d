package changeledger.eventstore.seal;

import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical serialisation of an event and its SHA-256.
 *
 * <p>A JSON object with sorted keys, written as UTF-8 without spaces; numbers as plain decimals
 * without trailing zeros; times in UTC with exactly six fraction digits. It never uses the jsonb
 * text as PostgreSQL prints it, so a change of server version or jsonb formatting changes no hash.
 */
public final class EventHasher {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory factory = new JsonFactory();

    /** The SHA-256 of the canonical form. */
    public byte[] hash(StoredEvent event) {
        return sha256(canonical(event));
    }

    /** The canonical form of an event, as UTF-8 bytes. */
    public byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("aggregateId", event.aggregate().id());
            json.writeStringField("aggregateType", event.aggregate().type());
            json.writeStringField("id", event.id().toString());
            json.writeFieldName("metadata");
            write(json, event.metadata());
            json.writeStringField("occurredAt", time(event.occurredAt()));
            json.writeFieldName("payload");
            write(json, event.payload());
            json.writeStringField("recordedAt", time(event.recordedAt()));
            json.writeNumberField("revision", event.revision());
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("type", event.type());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    private static String time(Instant instant) {
        return MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static void write(JsonGenerator json, JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            json.writeNull();
        } else if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), field.getValue());
            }
            json.writeStartObject();
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                json.writeFieldName(field.getKey());
                write(json, field.getValue());
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (node.isIntegralNumber()) {
            json.writeNumber(node.bigIntegerValue().toString());
        } else if (node.isNumber()) {
            json.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            json.writeBoolean(node.booleanValue());
        } else {
            json.writeString(node.asText());
        }
    }
}
