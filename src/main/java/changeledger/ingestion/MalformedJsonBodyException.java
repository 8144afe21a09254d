package changeledger.ingestion;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A body that is not JSON (400); nothing is stored. */
public class MalformedJsonBodyException extends ProblemException {

    /** Creates the exception. */
    public MalformedJsonBodyException(String reason) {
        super(Fault.of(400, "Invalid JSON body",
                "The body is not valid JSON: " + reason + "."));
    }
}
