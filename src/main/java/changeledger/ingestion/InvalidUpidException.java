package changeledger.ingestion;

/** A text that is not a Proxmox VE UPID; the message says why. */
public class InvalidUpidException extends IllegalArgumentException {

    /** Creates the exception with the reason. */
    public InvalidUpidException(String reason) {
        super(reason);
    }
}
