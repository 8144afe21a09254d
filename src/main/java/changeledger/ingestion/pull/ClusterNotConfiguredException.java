package changeledger.ingestion.pull;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** The cluster has no Proxmox API configured, so it cannot be synced (409). */
public class ClusterNotConfiguredException extends ProblemException {

    /** Creates the exception for a cluster name. */
    public ClusterNotConfiguredException(String cluster) {
        super(Fault.of(409, "No cluster API configured", "Cluster '" + cluster + "' has no Proxmox API configured: "
                + "set changeledger.proxmox.clusters." + cluster + ".base-url, .fallback-urls, .token-id, "
                + ".token-secret-file (or .token-secret) and .ca-file (or .fingerprint)."));
    }
}
