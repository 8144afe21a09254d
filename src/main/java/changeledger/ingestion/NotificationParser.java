package changeledger.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the body that the webhook template of docs/ingestion.md makes Proxmox send:
 * {@code {"title", "message", "severity", "timestamp", "fields": {...}}} (proxmox-notify {@code endpoints/webhook.rs}
 * renders {@code {{ json title }}} and the others from the notification). A body of the wrong shape is a body fault;
 * text PostgreSQL cannot store or over its limit refuses the notification as one rejected item; a notification
 * without {@code fields.type} is Proxmox's test notification (the target's Test button) and is ignored.
 */
public final class NotificationParser {

    /** What the body must be. */
    static final String SHAPE = "must be the JSON of the changeledger webhook template (docs/ingestion.md):"
            + " {\"title\", \"message\", \"severity\", \"timestamp\", \"fields\": {\"type\", ...}}";

    /** Longest title, in UTF-8 bytes: Proxmox's subjects are one short line. */
    static final int MAX_TITLE_BYTES = 4096;

    /** Longest field name or value, in UTF-8 bytes: Proxmox's are node names, job ids and type names. */
    static final int MAX_FIELD_BYTES = 1024;

    /** Most metadata fields: Proxmox sets at most three. */
    static final int MAX_FIELDS = 64;

    /** Control characters a title or message may hold: every one but NUL. */
    private static final Pattern OTHER_CONTROLS = Pattern.compile("[\\x01-\\x1f\\x7f-\\x9f]");

    /** The latest timestamp accepted: the end of year 9999. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private NotificationParser() {
    }

    /**
     * The notification of a body parsed as JSON, for host {@code hostId} whose node is {@code hostNode}.
     *
     * @throws WrongJsonShapeException (400) a member missing or of the wrong type, or an unknown severity
     */
    public static LineOutcome<ProxmoxNotificationReceived> parse(String hostId, String hostNode, JsonNode body) {
        if (!body.isObject()) {
            throw new WrongJsonShapeException(SHAPE);
        }
        String title = text(body, "title");
        String message = text(body, "message");
        String severity = text(body, "severity");
        if (!ProxmoxNotificationReceived.SEVERITIES.contains(severity)) {
            throw new WrongJsonShapeException("has severity '" + severity + "': Proxmox sends info, notice, warning,"
                    + " error or unknown; put {{ json severity }} in the template");
        }
        Instant sentAt = timestamp(body.get("timestamp"));
        SortedMap<String, String> fields = fields(body.get("fields"));
        String echo = title.strip();
        String type = fields.get("type");
        if (type == null) {
            return new LineOutcome.Ignored<>(1, echo, "a notification without fields.type is Proxmox's test"
                    + " notification: the target works, nothing is recorded");
        }
        String fault = fault(title, message, fields);
        if (fault != null) {
            return new LineOutcome.Rejected<>(1, echo, fault);
        }
        return new LineOutcome.Accepted<>(1, echo, new ProxmoxNotificationReceived(hostId, hostNode, type, severity,
                title, message, sentAt, fields));
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            throw new WrongJsonShapeException("has no '" + name + "'; it " + SHAPE);
        }
        if (!value.isTextual()) {
            throw new WrongJsonShapeException("has '" + name + "' as " + value.getNodeType().toString().toLowerCase()
                    + ", not text: write {{ json " + name + " }} in the template");
        }
        return value.asText();
    }

    /** Epoch seconds, as Proxmox renders {@code {{ timestamp }}}: a whole number, or one quoted. */
    private static Instant timestamp(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new WrongJsonShapeException("has no 'timestamp'; it " + SHAPE);
        }
        long seconds;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            seconds = value.asLong();
        } else if (value.isTextual() && value.asText().matches("[0-9]{1,12}")) {
            seconds = Long.parseLong(value.asText());
        } else {
            throw new WrongJsonShapeException("has 'timestamp' " + value + ": it must be the UNIX time in whole"
                    + " seconds, as {{ timestamp }} renders it");
        }
        if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
            throw new WrongJsonShapeException("has 'timestamp' " + seconds + ", out of range: it must be the UNIX"
                    + " time in seconds");
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** The metadata fields; Proxmox sends them as text, numbers and booleans are kept as their text. */
    private static SortedMap<String, String> fields(JsonNode value) {
        if (value == null || !value.isObject()) {
            throw new WrongJsonShapeException((value == null ? "has no 'fields'" : "has 'fields' that is no object")
                    + ": write \"fields\": {{ json fields }} in the template");
        }
        if (value.size() > MAX_FIELDS) {
            throw new WrongJsonShapeException("has " + value.size() + " fields; at most " + MAX_FIELDS
                    + " are taken");
        }
        SortedMap<String, String> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw new WrongJsonShapeException("has field '" + field.getKey() + "' that is no text");
            }
            fields.put(field.getKey(), v.asText());
        }
        return fields;
    }

    /** Why the notification's text cannot be stored, or null. */
    private static String fault(String title, String message, SortedMap<String, String> fields) {
        String fault = storable("title", title, MAX_TITLE_BYTES);
        if (fault == null) {
            fault = storable("message", message, Integer.MAX_VALUE);
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (fault == null) {
                fault = storable("name of field '" + field.getKey() + "'", field.getKey(), MAX_FIELD_BYTES);
            }
            if (fault == null) {
                fault = storable("field '" + field.getKey() + "'", field.getValue(), MAX_FIELD_BYTES);
            }
        }
        return fault;
    }

    /**
     * Why a text cannot be stored: a NUL (PostgreSQL refuses it in JSON), a lone surrogate, or over its limit. Line
     * ends and other control characters are kept: titles and messages are multi-line text.
     */
    private static String storable(String name, String value, int maxBytes) {
        return TextLimits.problem(name, OTHER_CONTROLS.matcher(value).replaceAll(" "), maxBytes);
    }
}
