package changeledger.eventstore;

import java.util.List;
import java.util.Objects;

/**
 * Events to append to one stream.
 *
 * <p>Event {@code i} of the list gets sequence number {@code expectedSequence + 1 + i}.
 *
 * @param aggregate        the stream
 * @param expectedSequence the last sequence number the caller has seen, or {@link #NEW_STREAM}
 * @param events           the events, in order
 */
public record AppendRequest(AggregateRef aggregate, long expectedSequence, List<NewEvent> events) {

    /** The expected sequence of a stream that has no event yet. */
    public static final long NEW_STREAM = -1;

    /** Validates the request. */
    public AppendRequest {
        Objects.requireNonNull(aggregate, "aggregate");
        events = List.copyOf(events);
        if (expectedSequence < NEW_STREAM) {
            throw new IllegalArgumentException("expected sequence must be -1 or more");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append to " + aggregate);
        }
    }
}
