package changeledger.ingestion.pull;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** The host is a member of a configured cluster, which is pulled as one: it is not pulled on its own (409). */
public class PulledWithClusterException extends ProblemException {

    /** Creates the exception for a host and its cluster. */
    public PulledWithClusterException(String hostId, String cluster) {
        super(Fault.of(409, "Pulled with its cluster", "Host '" + hostId + "' is a member of cluster '" + cluster
                + "', which is pulled as one (changeledger.proxmox.clusters." + cluster + "): sync it with POST "
                + "/api/v1/clusters/" + cluster + "/sync, or remove changeledger.proxmox.hosts." + hostId + "."));
    }
}
