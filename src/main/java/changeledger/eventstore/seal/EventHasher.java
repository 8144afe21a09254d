package changeledger.eventstore.seal;

import changeledger.eventstore.StoredEvent;
import changeledger.time.IsoInstants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The canonical serialisation of an event and its SHA-256.
 *
 * <p>A JSON object with sorted keys, written as UTF-8 without spaces; numbers as plain decimals
 * without trailing zeros; times in UTC with exactly six fraction digits. It never uses the jsonb
 * text as PostgreSQL prints it, so a change of server version or jsonb formatting changes no hash.
 */
public final class EventHasher {

    private static final MessageDigest SHA_256 = lookUpSha256();

    private final JsonFactory factory = new JsonFactory();

    /** The SHA-256 of the canonical form, computed while it is written (the form itself is never assembled). */
    public byte[] hash(StoredEvent event) {
        MessageDigest digest = newDigest();
        OutputStream into = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
            }
        };
        write(event, into);
        return digest.digest();
    }

    /** The canonical form of an event, as UTF-8 bytes. */
    public byte[] canonical(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        write(event, out);
        return out.toByteArray();
    }

    static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** A fresh SHA-256: a copy of one looked up once (a provider lookup per event costs more than the copy). */
    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM has no SHA-256", e);
        }
    }

    private void write(StoredEvent event, OutputStream out) {
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("aggregateId", event.aggregate().id());
            json.writeStringField("aggregateType", event.aggregate().type());
            json.writeStringField("id", event.id().toString());
            json.writeFieldName("metadata");
            write(json, event.metadata());
            json.writeStringField("occurredAt", IsoInstants.formatMicros(event.occurredAt()));
            json.writeFieldName("payload");
            write(json, event.payload());
            json.writeStringField("recordedAt", IsoInstants.formatMicros(event.recordedAt()));
            json.writeNumberField("revision", event.revision());
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("type", event.type());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator json, JsonNode node) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            json.writeNull();
        } else if (node.isObject()) {
            String[] names = new String[node.size()];
            int n = 0;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names[n++] = it.next();
            }
            Arrays.sort(names);
            json.writeStartObject();
            for (String name : names) {
                json.writeFieldName(name);
                write(json, node.get(name));
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                json.writeNumber(node.longValue());
            } else {
                json.writeNumber(node.bigIntegerValue().toString());
            }
        } else if (node.isNumber()) {
            json.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
        } else if (node.isBoolean()) {
            json.writeBoolean(node.booleanValue());
        } else {
            json.writeString(node.asText());
        }
    }
}
