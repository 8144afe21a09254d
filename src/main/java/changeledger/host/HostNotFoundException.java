package changeledger.host;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** No host with that id is registered, or the caller may not know of it (404, the same answer either way). */
public class HostNotFoundException extends ProblemException {

    /** Creates the exception for a host id. */
    public HostNotFoundException(String hostId) {
        super(Fault.of(404, "Unknown host", "No host '" + hostId
                + "' is registered. GET /api/v1/hosts lists the hosts you can see."));
    }
}
