package changeledger.ingestion.pull;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** No host is a member of the cluster and no API is configured for it (404). */
public class ClusterNotFoundException extends ProblemException {

    /** Creates the exception for a cluster name. */
    public ClusterNotFoundException(String cluster) {
        super(Fault.of(404, "No cluster '" + cluster + "': no host is a member of it and no API is configured "
                + "for it."));
    }
}
