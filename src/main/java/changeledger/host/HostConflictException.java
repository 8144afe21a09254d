package changeledger.host;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A host command that contradicts the host's current state (409). */
public class HostConflictException extends ProblemException {

    /** Creates the exception with a message that says what to do. */
    public HostConflictException(String message) {
        super(Fault.of(409, "Host state conflict", message));
    }
}
