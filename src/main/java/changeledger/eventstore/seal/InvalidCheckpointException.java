package changeledger.eventstore.seal;

/** A checkpoint given for verification is incomplete or malformed. */
public class InvalidCheckpointException extends RuntimeException {

    /** Describes what to fix. */
    public InvalidCheckpointException(String detail) {
        super(detail);
    }
}
