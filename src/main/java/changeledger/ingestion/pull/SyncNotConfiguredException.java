package changeledger.ingestion.pull;

/** The host has no Proxmox API configured, so it cannot be synced. */
public class SyncNotConfiguredException extends RuntimeException {

    /** Creates the exception for a host id. */
    public SyncNotConfiguredException(String hostId) {
        super("Host '" + hostId + "' has no Proxmox API configured: set changeledger.proxmox.hosts." + hostId
                + ".base-url, .token-id, .token-secret-file (or .token-secret) and .fingerprint (or .ca-file).");
    }
}
