package changeledger.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a checked text body (size, line length, UTF-8 and control characters checked by
 * {@link IngestionBody#lines}), kept as positions in the body and decoded one at a time: an upload holds
 * its body once, not also every line as a string. A line with a byte-level fault carries its reason.
 */
public final class BodyLines {

    static final byte GOOD = 0;
    static final byte TOO_LONG = 1;
    static final byte NOT_UTF8 = 2;
    static final byte NUL = 3;
    static final byte CONTROL = 4;

    /** How much of a faulty line {@link #line} decodes (it is only echoed, and cut short there). */
    private static final int FAULTY_ECHO_BYTES = 1024;

    private final byte[] body;
    private final int[] starts;
    private final int[] ends;
    private final byte[] faults;

    BodyLines(byte[] body, int[] starts, int[] ends, byte[] faults) {
        this.body = body;
        this.starts = starts;
        this.ends = ends;
        this.faults = faults;
    }

    /** Why line {@code index} is refused before it is parsed, or {@code null} when its bytes are fine. */
    public String fault(int index) {
        return switch (faults[index]) {
            case GOOD -> null;
            case TOO_LONG -> "the line has " + (ends[index] - starts[index]) + " bytes; a line may have at most "
                    + IngestionBody.MAX_LINE_BYTES;
            case NOT_UTF8 -> "the line is not valid UTF-8 (shown with U+FFFD for the bad bytes)";
            case NUL -> "the line holds a NUL byte (log files hold NUL padding after a power loss)";
            case CONTROL -> "the line holds a control character (only tab is allowed)";
            default -> throw new IllegalStateException("unknown fault " + faults[index]);
        };
    }

    /** How many lines the body has. */
    public int size() {
        return starts.length;
    }

    /**
     * Line {@code index} (from 0; its line number is {@code index + 1}), without its line end. A line with a
     * {@link #fault} is decoded leniently and only its first kilobyte: it is only echoed.
     */
    public String line(int index) {
        int length = ends[index] - starts[index];
        if (faults[index] != GOOD) {
            length = Math.min(length, FAULTY_ECHO_BYTES);
        }
        return new String(body, starts[index], length, StandardCharsets.UTF_8);
    }

    /** Every line, decoded when read. */
    public List<String> asList() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return line(index);
            }

            @Override
            public int size() {
                return BodyLines.this.size();
            }
        };
    }

    /**
     * Compares the first words (after leading ASCII blanks, up to the next space) of two lines byte by
     * byte. For ASCII, which every valid UPID is, that is {@link String#compareTo} of the words.
     */
    int compareFirstWords(int a, int b) {
        int aStart = firstWordStart(a);
        int bStart = firstWordStart(b);
        return Arrays.compareUnsigned(body, aStart, wordEnd(a, aStart), body, bStart, wordEnd(b, bStart));
    }

    private int firstWordStart(int index) {
        int at = starts[index];
        while (at < ends[index] && isAsciiBlank(body[at])) {
            at++;
        }
        return at;
    }

    private int wordEnd(int index, int from) {
        int at = from;
        while (at < ends[index] && body[at] != ' ') {
            at++;
        }
        return at;
    }

    private static boolean isAsciiBlank(byte b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f' || b == '\r' || (b >= 0x1C && b <= 0x1F);
    }
}
