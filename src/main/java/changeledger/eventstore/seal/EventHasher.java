package changeledger.eventstore.seal;

import changeledger.eventstore.StoredEvent;
import changeledger.time.IsoInstants;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The canonical serialisation of an event and its SHA-256, in one of the seal's forms.
 *
 * <p>Form 1 (ADR 0006) holds the event's id, aggregate, sequence, type, revision, payload, metadata and times; form 2
 * (ADR 0034) also its global {@code position} and its transaction id {@code txId}, the columns readers order by.
 *
 * <p>A JSON object with sorted keys, written as UTF-8 without spaces; numbers as plain decimals
 * without trailing zeros; times in UTC with exactly six fraction digits. It never uses the jsonb
 * text as PostgreSQL prints it, so a change of server version or jsonb formatting changes no hash.
 *
 * <p>Strings are escaped as JSON requires and no further: {@code "} and {@code \} with a backslash, control
 * characters as {@code \b \t \n \f \r} or as a backslash, {@code u} and four upper-case hex digits, and so each
 * UTF-16 surrogate (outside the Basic Multilingual Plane), every other character as its UTF-8 bytes: what Jackson's
 * generator wrote when the first events were sealed.
 *
 * <p>The form is written by hand into one buffer and hashed in one call (ADR 0028); the events of one append share
 * one metadata node, whose canonical bytes are written once and reused while the next event has the same node.
 */
public final class EventHasher {

    private static final MessageDigest SHA_256 = lookUpSha256();

    /** A buffer grown past this is dropped after use, so one large event does not stay in a thread's memory. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    /** Each thread's buffer and digest, reused from event to event: the sealer hashes every event. */
    private static final ThreadLocal<Canonical> BUFFERS = ThreadLocal.withInitial(Canonical::new);
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(EventHasher::newDigest);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** The metadata node last written and its canonical bytes; replaced whole, so threads may share the hasher. */
    private volatile Written lastMetadata = new Written(null, new byte[0]);

    /** The first form: without position and transaction id (ADR 0006); seals written before ADR 0034 use it. */
    public static final int FORM_WITHOUT_TX = 1;

    /** The second form: with position and transaction id (ADR 0034). */
    public static final int FORM_WITH_TX = 2;

    /** The form new seals use. */
    public static final int CURRENT_FORM = FORM_WITH_TX;

    /** The SHA-256 of the first form. */
    public byte[] hash(StoredEvent event) {
        return hash(event, FORM_WITHOUT_TX);
    }

    /** The SHA-256 of the given form. */
    public byte[] hash(StoredEvent event, int form) {
        Canonical out = write(event, form);
        MessageDigest digest = DIGESTS.get();
        digest.update(out.bytes, 0, out.length);
        byte[] hash = digest.digest();
        release(out);
        return hash;
    }

    /** The first canonical form of an event, as UTF-8 bytes. */
    public byte[] canonical(StoredEvent event) {
        return canonical(event, FORM_WITHOUT_TX);
    }

    /** The given canonical form of an event, as UTF-8 bytes. */
    public byte[] canonical(StoredEvent event, int form) {
        Canonical out = write(event, form);
        byte[] bytes = Arrays.copyOf(out.bytes, out.length);
        release(out);
        return bytes;
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

    /** Whether this is a form the hasher can write. */
    public static boolean known(int form) {
        return form == FORM_WITHOUT_TX || form == FORM_WITH_TX;
    }

    /** The thread's buffer, emptied, with the event's canonical form written into it. */
    private Canonical write(StoredEvent event, int form) {
        if (!known(form)) {
            throw new IllegalArgumentException("No canonical form " + form);
        }
        boolean withTx = form == FORM_WITH_TX;
        Canonical out = BUFFERS.get();
        out.length = 0;
        out.ascii("{\"aggregateId\":").string(event.aggregate().id());
        out.ascii(",\"aggregateType\":").string(event.aggregate().type());
        out.ascii(",\"id\":").string(event.id().toString());
        out.ascii(",\"metadata\":").bytes(metadata(event.metadata()));
        out.ascii(",\"occurredAt\":").string(IsoInstants.formatMicros(event.occurredAt()));
        out.ascii(",\"payload\":").value(event.payload());
        if (withTx) {
            out.ascii(",\"position\":").ascii(Long.toString(event.position()));
        }
        out.ascii(",\"recordedAt\":").string(IsoInstants.formatMicros(event.recordedAt()));
        out.ascii(",\"revision\":").ascii(Integer.toString(event.revision()));
        out.ascii(",\"sequence\":").ascii(Long.toString(event.sequence()));
        if (withTx) {
            out.ascii(",\"txId\":").ascii(Long.toUnsignedString(event.txId()));
        }
        out.ascii(",\"type\":").string(event.type());
        out.ascii("}");
        return out;
    }

    private static void release(Canonical out) {
        if (out.bytes.length > KEPT_BUFFER_BYTES) {
            BUFFERS.remove();
        }
    }

    private byte[] metadata(JsonNode metadata) {
        Written last = lastMetadata;
        if (last.node == metadata && metadata != null) {
            return last.bytes;
        }
        Canonical out = new Canonical();
        out.value(metadata);
        byte[] bytes = Arrays.copyOf(out.bytes, out.length);
        lastMetadata = new Written(metadata, bytes);
        return bytes;
    }

    private record Written(JsonNode node, byte[] bytes) {
    }

    /** A growing UTF-8 buffer that writes the canonical JSON of values. */
    private static final class Canonical {

        private byte[] bytes = new byte[1024];
        private int length;

        Canonical value(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return ascii("null");
            }
            if (node.isObject()) {
                String[] names = new String[node.size()];
                int n = 0;
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names[n++] = it.next();
                }
                Arrays.sort(names);
                byte separator = '{';
                for (String name : names) {
                    put(separator);
                    string(name);
                    put((byte) ':');
                    value(node.get(name));
                    separator = ',';
                }
                return names.length == 0 ? ascii("{}") : ascii("}");
            }
            if (node.isArray()) {
                byte separator = '[';
                for (JsonNode element : node) {
                    put(separator);
                    value(element);
                    separator = ',';
                }
                return node.isEmpty() ? ascii("[]") : ascii("]");
            }
            if (node.isIntegralNumber()) {
                return ascii(node.canConvertToLong() ? Long.toString(node.longValue())
                        : node.bigIntegerValue().toString());
            }
            if (node.isNumber()) {
                return ascii(node.decimalValue().stripTrailingZeros().toPlainString());
            }
            if (node.isBoolean()) {
                return ascii(node.booleanValue() ? "true" : "false");
            }
            return string(node.asText());
        }

        /** A JSON string: quoted, escaped, UTF-8. */
        Canonical string(String text) {
            ensure(text.length() * 6 + 2);
            byte[] b = bytes;
            int at = length;
            b[at++] = '"';
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        b[at++] = (byte) c;
                    } else {
                        at = escape(b, at, c);
                    }
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | c >> 6);
                    b[at++] = (byte) (0x80 | c & 0x3F);
                } else if (!Character.isSurrogate(c)) {
                    b[at++] = (byte) (0xE0 | c >> 12);
                    b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[at++] = (byte) (0x80 | c & 0x3F);
                } else {
                    at = unicodeEscape(b, at, c);
                }
            }
            b[at++] = '"';
            length = at;
            return this;
        }

        private static int escape(byte[] b, int at, char c) {
            b[at++] = '\\';
            switch (c) {
                case '"', '\\' -> b[at++] = (byte) c;
                case '\b' -> b[at++] = 'b';
                case '\t' -> b[at++] = 't';
                case '\n' -> b[at++] = 'n';
                case '\f' -> b[at++] = 'f';
                case '\r' -> b[at++] = 'r';
                default -> {
                    return unicodeEscape(b, at - 1, c);
                }
            }
            return at;
        }

        private static int unicodeEscape(byte[] b, int at, char c) {
            b[at++] = '\\';
            b[at++] = 'u';
            b[at++] = HEX[c >> 12];
            b[at++] = HEX[c >> 8 & 0xF];
            b[at++] = HEX[c >> 4 & 0xF];
            b[at++] = HEX[c & 0xF];
            return at;
        }

        /** Text known to be ASCII and to need no escape (structure, numbers). */
        Canonical ascii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
            return this;
        }

        Canonical bytes(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        private void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
