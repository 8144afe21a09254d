package changeledger.ingestion;

/**
 * What a parser made of one line (or one JSON item): a fact, a line that is not a change, or a
 * line refused with a reason. Parsers return one per line and never throw on a bad line.
 *
 * @param <T> the fact a good line carries
 */
public sealed interface LineOutcome<T> {

    /** The line's number in the upload, from 1 (for JSON: the item's position in the array). */
    int lineNumber();

    /** The line as received (for JSON: the item as compact JSON). */
    String line();

    /** A line that carries a fact. */
    record Accepted<T>(int lineNumber, String line, T fact) implements LineOutcome<T> {
    }

    /** A line that is well formed but is not a change (e.g. a GET in the access log). */
    record Ignored<T>(int lineNumber, String line, String reason) implements LineOutcome<T> {
    }

    /** A line refused, with a reason a person can act on. */
    record Rejected<T>(int lineNumber, String line, String reason) implements LineOutcome<T> {
    }
}
