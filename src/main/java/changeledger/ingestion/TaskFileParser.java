package changeledger.ingestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses lines of the task files {@code index}, {@code index.1} and {@code active}, which may be mixed
 * in one upload: {@code <UPID> <ENDTIME %08X> <status>} (index) and
 * {@code <UPID> <saved 0|1>[ <ENDTIME>[ <status>]]} (active). Blank lines and {@code #} comments are skipped.
 */
public final class TaskFileParser {

    private static final Pattern HEX_TIME = Pattern.compile("[0-9A-Fa-f]{8,15}");

    private TaskFileParser() {
    }

    /** One outcome per line that is neither blank nor a comment, in order. */
    public static List<LineOutcome<TaskFact>> parse(List<String> lines) {
        List<LineOutcome<TaskFact>> outcomes = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            LineOutcome<TaskFact> outcome = parseOrSkip(i + 1, lines.get(i));
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    /** The outcome of one line, or {@code null} for a blank line or a comment. */
    public static LineOutcome<TaskFact> parseOrSkip(int lineNumber, String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#") ? null : parseLine(lineNumber, line);
    }

    /** The outcome of one line. */
    public static LineOutcome<TaskFact> parseLine(int lineNumber, String line) {
        String text = line.strip();
        int space = text.indexOf(' ');
        Upid upid;
        try {
            upid = Upid.parse(space < 0 ? text : text.substring(0, space));
        } catch (InvalidUpidException e) {
            return new LineOutcome.Rejected<>(lineNumber, line, e.getMessage());
        }
        if (space < 0) {
            return new LineOutcome.Rejected<>(lineNumber, line, "nothing after the UPID: expected an end time "
                    + "and a status (index) or a saved flag 0 or 1 (active)");
        }
        String rest = text.substring(space + 1).stripLeading();
        int next = rest.indexOf(' ');
        String second = next < 0 ? rest : rest.substring(0, next);
        String after = next < 0 ? "" : rest.substring(next + 1).strip();
        if (second.equals("0") || second.equals("1")) {
            return active(lineNumber, line, upid, after);
        }
        if (!HEX_TIME.matcher(second).matches()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "after the UPID expected an end time (8 hex "
                    + "digits) or a saved flag (0 or 1), found '" + second + "'");
        }
        if (after.isEmpty()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "the status after the end time is missing");
        }
        return finished(lineNumber, line, upid, second, after);
    }

    private static LineOutcome<TaskFact> active(int lineNumber, String line, Upid upid, String after) {
        if (after.isEmpty()) {
            return new LineOutcome.Accepted<>(lineNumber, line, TaskFact.running(upid));
        }
        int space = after.indexOf(' ');
        String end = space < 0 ? after : after.substring(0, space);
        if (!HEX_TIME.matcher(end).matches()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "after the saved flag expected an end time "
                    + "(8 hex digits), found '" + end + "'");
        }
        if (space < 0) {
            return new LineOutcome.Rejected<>(lineNumber, line, "an end time without a status");
        }
        return finished(lineNumber, line, upid, end, after.substring(space + 1).strip());
    }

    private static LineOutcome<TaskFact> finished(int lineNumber, String line, Upid upid, String hexEnd,
                                                  String status) {
        if (status.isEmpty()) {
            return new LineOutcome.Rejected<>(lineNumber, line, "the status after the end time is missing");
        }
        long seconds = Long.parseLong(hexEnd, 16);
        String problem = TaskFact.endTimeProblem(seconds);
        if (problem == null) {
            problem = TextLimits.problem("status", status, TextLimits.MAX_STATUS_BYTES);
        }
        if (problem != null) {
            return new LineOutcome.Rejected<>(lineNumber, line, problem);
        }
        Instant endTime = Instant.ofEpochSecond(seconds);
        return new LineOutcome.Accepted<>(lineNumber, line, TaskFact.finished(upid, endTime, status));
    }
}
