package changeledger.ingestion;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** A JSON body that parses but is not the expected task list (400); nothing is stored. */
public class WrongJsonShapeException extends ProblemException {

    /** Creates the exception with what was expected. */
    public WrongJsonShapeException(String detail) {
        super(Problem.of(Response.Status.BAD_REQUEST, "Wrong JSON shape", "The body " + detail + "."));
    }
}
