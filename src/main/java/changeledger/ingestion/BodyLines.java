package changeledger.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a checked text body (size, line length and UTF-8 checked by {@link IngestionBody#lines}),
 * kept as positions in the body and decoded one at a time: an upload holds its body once, not also every
 * line as a string.
 */
public final class BodyLines {

    private final byte[] body;
    private final int[] starts;
    private final int[] ends;

    BodyLines(byte[] body, int[] starts, int[] ends) {
        this.body = body;
        this.starts = starts;
        this.ends = ends;
    }

    /** How many lines the body has. */
    public int size() {
        return starts.length;
    }

    /** Line {@code index} (from 0; its line number is {@code index + 1}), without its line end. */
    public String line(int index) {
        return new String(body, starts[index], ends[index] - starts[index], StandardCharsets.UTF_8);
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
