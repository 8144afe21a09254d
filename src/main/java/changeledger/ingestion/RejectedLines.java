package changeledger.ingestion;

import changeledger.ingestion.IngestionResult.RejectedLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The refused lines of an upload, bounded: all are counted, the {@link #MAX_LISTED} with the lowest line
 * numbers are kept (whatever order they come in), each cut to {@link #MAX_ECHOED_CHARS} characters.
 * An upload of a million junk lines keeps 100 short strings, not a million.
 */
final class RejectedLines {

    /** How many refused lines an answer lists. */
    static final int MAX_LISTED = 100;

    /** How much of a refused line an answer echoes. */
    static final int MAX_ECHOED_CHARS = 200;

    /** How much of a reason an answer gives (reasons may quote the line). */
    static final int MAX_REASON_CHARS = 300;

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
        lowest.add(new RejectedLine(lineNumber, echo(line, MAX_ECHOED_CHARS), echo(reason, MAX_REASON_CHARS)));
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

    private static String echo(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "... (" + text.length() + " characters)";
    }
}
