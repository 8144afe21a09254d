package changeledger.ingestion.pull;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** The host has no Proxmox API configured, so it cannot be synced (409). */
public class SyncNotConfiguredException extends ProblemException {

    /** Creates the exception for a host id. */
    public SyncNotConfiguredException(String hostId) {
        super(Problem.of(Response.Status.CONFLICT, "No Proxmox API configured", "Host '" + hostId
                + "' has no Proxmox API configured: set changeledger.proxmox.hosts." + hostId
                + ".base-url, .token-id, .token-secret-file (or .token-secret) and .fingerprint (or .ca-file)."));
    }
}
