package changeledger.ingestion.pull;

/** A sync of one host failed; the message says why in terms an operator can act on. */
public class SyncFailedException extends RuntimeException {

    /** Creates the exception with an operator-facing reason. */
    public SyncFailedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
