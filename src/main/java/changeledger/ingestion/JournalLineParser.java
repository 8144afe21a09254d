package changeledger.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one line of {@code journalctl -o short-iso-precise} or {@code journalctl -o json} output (the two may not be
 * mixed in one upload, but each line is recognised on its own).
 * <ul>
 *   <li>Text (systemd's {@code src/shared/logs-show.c}, mode {@code OUTPUT_SHORT_ISO_PRECISE}):
 *       {@code 2026-11-03T10:15:02.123456+01:00 pve1 qmeventd[1021]: Starting cleanup for 100}; systemd before 250
 *       printed the offset without colon ({@code +0100}). Between two boots journalctl prints
 *       {@code -- Boot 6f2c...e1 --} (32 hex digits), and {@code -- No entries --} when there is nothing.</li>
 *   <li>JSON: one object per line with {@code __REALTIME_TIMESTAMP} (microseconds since the epoch, as a string),
 *       {@code _BOOT_ID}, {@code SYSLOG_IDENTIFIER} (else {@code _COMM}), {@code _PID} or {@code SYSLOG_PID} and
 *       {@code MESSAGE}; a message with bytes that are not text is an array of byte values.</li>
 * </ul>
 */
public final class JournalLineParser {

    private static final Pattern TEXT = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})) (\\S+) "
                    + "([^\\s\\[]+?)(?:\\[(\\d+)\\])?: ?(.*)$");
    private static final Pattern BOOT_MARKER = Pattern.compile("^-- Boot ([0-9a-f]{32}) --$");
    private static final Pattern NOTICE = Pattern.compile("^-- (No entries|Reboot|Logs begin at .*|Journal begins at .*"
            + "|cursor: .*) --$|^-- cursor: .*$");
    private static final DateTimeFormatter ISO_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter(Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalLineParser() {
    }

    /** What line {@code lineNumber} holds: an entry, a boot marker, a notice to ignore, or a refusal. */
    public static LineOutcome<JournalEntry> parse(int lineNumber, String line) {
        String text = line.strip();
        if (text.startsWith("{")) {
            return json(lineNumber, line, text);
        }
        Matcher marker = BOOT_MARKER.matcher(text);
        if (marker.matches()) {
            return new LineOutcome.Accepted<>(lineNumber, line, JournalEntry.bootMarker(marker.group(1)));
        }
        if (NOTICE.matcher(text).matches()) {
            return new LineOutcome.Ignored<>(lineNumber, line, "a notice of journalctl, not a logged line");
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "not a line of 'journalctl -o short-iso-precise' "
                    + "(time, host, identifier[pid]: message) nor of 'journalctl -o json'");
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(m.group(1), ISO_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            return new LineOutcome.Rejected<>(lineNumber, line, "the time '" + m.group(1) + "' is not a valid date");
        }
        return new LineOutcome.Accepted<>(lineNumber, line,
                new JournalEntry(time, null, m.group(3), m.group(4), m.group(5)));
    }

    private static LineOutcome<JournalEntry> json(int lineNumber, String line, String text) {
        JsonNode entry;
        try {
            entry = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new LineOutcome.Rejected<>(lineNumber, line, "the line starts with '{' but is not one JSON object "
                    + "of 'journalctl -o json': " + e.getOriginalMessage());
        }
        if (!entry.isObject()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "not a JSON object of 'journalctl -o json'");
        }
        String realtime = entry.path("__REALTIME_TIMESTAMP").asText("");
        if (!realtime.matches("\\d{1,19}")) {
            return new LineOutcome.Rejected<>(lineNumber, line,
                    "__REALTIME_TIMESTAMP is missing or not microseconds since the epoch");
        }
        long micros;
        try {
            micros = Long.parseLong(realtime);
        } catch (NumberFormatException e) {
            return new LineOutcome.Rejected<>(lineNumber, line, "__REALTIME_TIMESTAMP " + realtime + " is out of range");
        }
        String bootId = entry.path("_BOOT_ID").asText(null);
        if (bootId != null && !bootId.matches("[0-9a-f]{32}")) {
            return new LineOutcome.Rejected<>(lineNumber, line, "_BOOT_ID '" + bootId + "' is not 32 hex digits");
        }
        String identifier = firstText(entry, "SYSLOG_IDENTIFIER", "_COMM");
        String message = message(entry.get("MESSAGE"));
        if (identifier == null || message == null) {
            return new LineOutcome.Ignored<>(lineNumber, line, "an entry without identifier or message");
        }
        Instant time = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        return new LineOutcome.Accepted<>(lineNumber, line,
                new JournalEntry(time, bootId, identifier, firstText(entry, "SYSLOG_PID", "_PID"), message));
    }

    private static String firstText(JsonNode entry, String... fields) {
        for (String field : fields) {
            JsonNode value = entry.get(field);
            if (value != null && value.isTextual() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return null;
    }

    /** A message as text; journalctl prints one that is not valid text as an array of its bytes. */
    private static String message(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isArray()) {
            byte[] bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) value.get(i).asInt();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return null;
    }
}
