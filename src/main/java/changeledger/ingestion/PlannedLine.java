package changeledger.ingestion;

import java.util.List;
import java.util.UUID;

/**
 * What an upload's decision does with one line.
 *
 * @param lineNumber the line's number (or the JSON item's position), from 1
 * @param line       the line as received
 * @param kind       what happens to it
 * @param reason     why it is ignored or rejected, else {@code null}
 * @param eventIds   the ids of the events it adds (for {@link Kind#NEW_EVENTS})
 */
public record PlannedLine(int lineNumber, String line, Kind kind, String reason, List<UUID> eventIds) {

    /** What happens to a line. */
    public enum Kind {
        /** It adds events (unless a concurrent upload stored them first: then it is a duplicate). */
        NEW_EVENTS,
        /** Everything it says is already recorded. */
        DUPLICATE,
        /** It is not a change. */
        IGNORED,
        /** It is refused, with a reason. */
        REJECTED
    }

    /** Copies the ids. */
    public PlannedLine {
        eventIds = List.copyOf(eventIds);
    }

    /** A line that adds events. */
    public static PlannedLine adds(LineOutcome<?> outcome, List<UUID> eventIds) {
        return new PlannedLine(outcome.lineNumber(), outcome.line(), Kind.NEW_EVENTS, null, eventIds);
    }

    /** A line that adds nothing new. */
    public static PlannedLine duplicate(LineOutcome<?> outcome) {
        return new PlannedLine(outcome.lineNumber(), outcome.line(), Kind.DUPLICATE, null, List.of());
    }

    /** A line that is ignored or rejected by its parser. */
    public static PlannedLine of(LineOutcome<?> outcome) {
        if (outcome instanceof LineOutcome.Ignored<?> ignored) {
            return new PlannedLine(ignored.lineNumber(), ignored.line(), Kind.IGNORED, ignored.reason(), List.of());
        }
        if (outcome instanceof LineOutcome.Rejected<?> rejected) {
            return rejected(outcome, rejected.reason());
        }
        throw new IllegalArgumentException("an accepted line needs a decision, not a parser outcome");
    }

    /** A line refused by the decision. */
    public static PlannedLine rejected(LineOutcome<?> outcome, String reason) {
        return new PlannedLine(outcome.lineNumber(), outcome.line(), Kind.REJECTED, reason, List.of());
    }
}
