package changeledger.ingestion.pull;

/**
 * An address of a Proxmox API could not be reached (connection refused, timeout, DNS, TLS): a cluster pull tries its
 * next address; the message says why in terms an operator can act on.
 */
public class ApiUnreachableException extends SyncFailedException {

    /** Creates the exception with an operator-facing reason. */
    public ApiUnreachableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
