package changeledger.ingestion.pull;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A sync of one host failed (502); the message says why in terms an operator can act on. */
public class SyncFailedException extends ProblemException {

    /** Creates the exception with an operator-facing reason. */
    public SyncFailedException(String reason, Throwable cause) {
        super(Fault.of(502, "Proxmox API sync failed", reason), cause);
    }
}
