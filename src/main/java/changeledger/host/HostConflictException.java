package changeledger.host;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** A host command that contradicts the host's current state (409). */
public class HostConflictException extends ProblemException {

    /** Creates the exception with a message that says what to do. */
    public HostConflictException(String message) {
        super(Problem.of(Response.Status.CONFLICT, "Host state conflict", message));
    }
}
