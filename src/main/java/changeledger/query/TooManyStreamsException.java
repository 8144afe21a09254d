package changeledger.query;

/** This instance serves as many live streams as it may; the client should retry later (503 with Retry-After). */
public class TooManyStreamsException extends RuntimeException {

    private final int retryAfterSeconds;

    /** The limit reached and the seconds to wait. */
    public TooManyStreamsException(int maxStreams, int retryAfterSeconds) {
        super("This instance already serves " + maxStreams + " live event streams. Retry after " + retryAfterSeconds
                + " s, or read pages of GET /api/v1/events instead.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The seconds the client should wait. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
