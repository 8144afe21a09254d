package changeledger.ingestion.pull;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** A sync of one host failed (502); the message says why in terms an operator can act on. */
public class SyncFailedException extends ProblemException {

    /** Creates the exception with an operator-facing reason. */
    public SyncFailedException(String reason, Throwable cause) {
        super(Problem.of(Response.Status.BAD_GATEWAY, "Proxmox API sync failed", reason), cause);
    }
}
