package changeledger.ingestion.pull;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** No host is a member of the cluster, so its pull would store nothing (409). */
public class ClusterWithoutMembersException extends ProblemException {

    /** Creates the exception with the reason also recorded in the cluster's sync status. */
    public ClusterWithoutMembersException(String reason) {
        super(Fault.of(409, "Cluster without members", reason));
    }

    /** The reason for a cluster name. */
    static String reason(String cluster) {
        return "Cluster '" + cluster + "' has no member hosts: join each node's host with PUT "
                + "/api/v1/hosts/{id}/cluster {\"cluster\": \"" + cluster + "\"}.";
    }
}
