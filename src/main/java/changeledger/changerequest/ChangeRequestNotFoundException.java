package changeledger.changerequest;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** No change request with that id, or one on a host the caller may not see (404, the same answer either way). */
public class ChangeRequestNotFoundException extends ProblemException {

    /** Creates the exception for a request id. */
    public ChangeRequestNotFoundException(String id) {
        super(Fault.of(404, "Unknown change request", "No change request '" + id
                + "' exists. GET /api/v1/change-requests lists the requests you can see."));
    }
}
