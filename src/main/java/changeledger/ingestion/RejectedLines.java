package changeledger.ingestion;

import changeledger.ingestion.IngestionResult.RejectedLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The refused lines of an upload, bounded: all are counted, the {@link #MAX_LISTED} with the lowest line
 * numbers are kept (whatever order they come in), each line cut to {@link #MAX_ECHOED_BYTES} and each reason
 * to {@link #MAX_REASON_BYTES} bytes of JSON (control characters shown as U+FFFD). An upload of a million
 * junk lines keeps 100 short strings, not a million, and its answer stays under 64 KiB.
 */
final class RejectedLines {

    /** How many refused lines an answer lists. */
    static final int MAX_LISTED = 100;

    /** How much of a refused line an answer echoes, in bytes as written in JSON. */
    static final int MAX_ECHOED_BYTES = 200;

    /** How much of a reason an answer gives, in bytes as written in JSON (reasons may quote the line). */
    static final int MAX_REASON_BYTES = 300;

    private final PriorityQueue<RejectedLine> lowest =
            new PriorityQueue<>(Comparator.comparingInt(RejectedLine::lineNumber).reversed());
    private int count;

    /** Counts a refused line, keeping it when it is among the first. */
    void add(int lineNumber, String line, String reason) {
        count++;
        if (lowest.size() == MAX_LISTED) {
            if (lowest.peek().lineNumber() < lineNumber) {
                return;
            }
            lowest.poll();
        }
        lowest.add(new RejectedLine(lineNumber, echo(line, MAX_ECHOED_BYTES), echo(reason, MAX_REASON_BYTES)));
    }

    /** How many lines were refused. */
    int count() {
        return count;
    }

    /** The first refused lines, in line order. */
    List<RejectedLine> listed() {
        List<RejectedLine> listed = new ArrayList<>(lowest);
        listed.sort(Comparator.comparingInt(RejectedLine::lineNumber));
        return listed;
    }

    /** {@code text} with control characters as U+FFFD, cut where its JSON form would pass {@code maxBytes}. */
    static String echo(String text, int maxBytes) {
        if (text == null) {
            return null;
        }
        StringBuilder echo = new StringBuilder(Math.min(text.length(), maxBytes));
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int shown = Character.isISOControl(c) && c != '\t' ? 0xFFFD : c;
            // Jackson writes a character outside the BMP as two escaped surrogates, 12 bytes
            int size = shown == '"' || shown == '\\' || shown == '\t' ? 2 : shown < 0x80 ? 1 : shown < 0x800 ? 2
                    : shown < 0x10000 ? 3 : 12;
            if (bytes + size > maxBytes) {
                return echo.append("... (").append(text.length()).append(" characters)").toString();
            }
            echo.appendCodePoint(shown);
            bytes += size;
            i += Character.charCount(c);
        }
        return echo.toString();
    }
}
