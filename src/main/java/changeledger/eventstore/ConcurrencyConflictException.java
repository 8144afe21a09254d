package changeledger.eventstore;

/** An append whose expected sequence no longer matches the stream: someone else wrote first. */
public class ConcurrencyConflictException extends RuntimeException {

    private final transient AggregateRef aggregate;
    private final long expectedSequence;

    /** Creates the exception for one stream. */
    public ConcurrencyConflictException(AggregateRef aggregate, long expectedSequence, String detail) {
        super("Stream " + aggregate + " is not at sequence " + expectedSequence + ": " + detail);
        this.aggregate = aggregate;
        this.expectedSequence = expectedSequence;
    }

    /** The stream that moved on. */
    public AggregateRef aggregate() {
        return aggregate;
    }

    /** The sequence the caller expected. */
    public long expectedSequence() {
        return expectedSequence;
    }
}
