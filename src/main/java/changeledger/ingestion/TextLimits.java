package changeledger.ingestion;

import java.nio.charset.StandardCharsets;

/**
 * Limits on the text fields an ingested line stores: no control characters (PostgreSQL refuses NUL in text
 * and JSON), and a length well below PostgreSQL's btree key limit (about 2.7 KB) for fields that are keys.
 */
public final class TextLimits {

    /** Longest UPID, in UTF-8 bytes: real ones are under 150; it is part of indexed stream and task keys. */
    public static final int MAX_UPID_BYTES = 512;

    /** Longest task status text, in UTF-8 bytes: real ones are short ({@code OK}, an error message). */
    public static final int MAX_STATUS_BYTES = 1024;

    private TextLimits() {
    }

    /** Why {@code value} may not be stored as field {@code name}, or {@code null} when it may. */
    public static String problem(String name, String value, int maxBytes) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "the " + name + " holds a NUL character";
            }
            if (Character.isISOControl(c) && c != '\t') {
                return "the " + name + " holds a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                return "the " + name + " holds a lone surrogate (not a Unicode character)";
            }
        }
        if (value.length() > maxBytes || value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return "the " + name + " is over " + maxBytes + " bytes";
        }
        return null;
    }
}
