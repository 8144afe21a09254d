package changeledger.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Text the service accepts from its callers (JSON fields, query and path parameters): no NUL or other
 * control character (tab aside, and line breaks in JSON text) and no lone surrogate, which PostgreSQL
 * refuses or stores as {@code ?}.
 */
public final class StrictText {

    /** The earliest instant a body may carry. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    /** The first instant a body may no longer carry. */
    public static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private StrictText() {
    }

    /**
     * What is wrong with a parameter's {@code text}, as the end of a sentence naming it, or {@code null} when
     * nothing is: any control character but tab is.
     */
    public static String problem(String text) {
        return problem(text, false);
    }

    /**
     * What is wrong with {@code text}, as the end of a sentence naming it, or {@code null} when nothing is.
     *
     * @param lineBreaks whether LF and CR are allowed (multi-line fields of bodies)
     */
    public static String problem(String text, boolean lineBreaks) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "holds a NUL character; send text without it";
            }
            if (Character.isISOControl(c) && c != '\t' && !(lineBreaks && (c == '\n' || c == '\r'))) {
                return "holds a control character (U+" + String.format("%04X", (int) c) + "); send text without it";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds a lone surrogate (U+" + String.format("%04X", (int) c) + "), which is no character; "
                        + "send valid Unicode";
            }
        }
        return null;
    }

    /** A JSON field that is not acceptable text or not an acceptable instant; names its field by its path. */
    public static final class InvalidTextException extends MismatchedInputException {

        InvalidTextException(JsonParser parser, String message, Class<?> type) {
            super(parser, message, type);
        }
    }

    /** Reads JSON text, refusing what {@link #problem} names. */
    static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            String problem = text == null ? null : problem(text, true);
            if (problem != null) {
                throw new InvalidTextException(parser, problem, String.class);
            }
            return text;
        }
    }

    /** Reads an ISO-8601 instant in the years 1970 to 9999. */
    static final class InstantInRange extends StdScalarDeserializer<Instant> {

        /** A text the JSR-310 reader would take as a count of seconds since 1970 rather than as an instant. */
        private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9.]+");

        InstantInRange() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                // a number would be read as epoch seconds: 1e3 as 1970-01-01T00:16:40Z
                throw new InvalidTextException(parser, "is " + parser.currentToken().asString() + " where text is"
                        + " expected; send an ISO-8601 instant such as 2026-11-04T12:00:00Z", Instant.class);
            }
            String text = parser.getText().trim();
            if (NUMBER.matcher(text).matches()) {
                // the JSR-310 reader takes a text of digits as epoch seconds: "0" as 1970-01-01T00:00:00Z
                throw new InvalidTextException(parser, "is '" + text + "', a number where an instant is expected; "
                        + "send an ISO-8601 instant such as 2026-11-04T12:00:00Z", Instant.class);
            }
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST))) {
                throw new InvalidTextException(parser, "is " + instant + ", outside the years 1970 to 9999; "
                        + "send an ISO-8601 instant such as 2026-11-04T12:00:00Z", Instant.class);
            }
            return instant;
        }
    }
}
