package changeledger.ingestion.pull;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** The host has no Proxmox API configured, so it cannot be synced (409). */
public class SyncNotConfiguredException extends ProblemException {

    /** Creates the exception for a host id. */
    public SyncNotConfiguredException(String hostId) {
        super(Fault.of(409, "No Proxmox API configured", "Host '" + hostId
                + "' has no Proxmox API configured: set changeledger.proxmox.hosts." + hostId
                + ".base-url, .token-id, .token-secret-file (or .token-secret) and .fingerprint (or .ca-file)."));
    }
}
