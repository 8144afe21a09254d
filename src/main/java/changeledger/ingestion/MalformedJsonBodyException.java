package changeledger.ingestion;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** A body that is not JSON (400); nothing is stored. */
public class MalformedJsonBodyException extends ProblemException {

    /** Creates the exception. */
    public MalformedJsonBodyException(String reason) {
        super(Problem.of(Response.Status.BAD_REQUEST, "Invalid JSON body",
                "The body is not valid JSON: " + reason + "."));
    }
}
