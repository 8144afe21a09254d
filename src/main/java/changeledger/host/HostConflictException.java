package changeledger.host;

/** A host command that contradicts the host's current state. */
public class HostConflictException extends RuntimeException {

    /** Creates the exception with a message that says what to do. */
    public HostConflictException(String message) {
        super(message);
    }
}
