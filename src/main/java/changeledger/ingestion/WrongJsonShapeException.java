package changeledger.ingestion;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A JSON body that parses but is not the expected task list (400); nothing is stored. */
public class WrongJsonShapeException extends ProblemException {

    /** Creates the exception with what was expected. */
    public WrongJsonShapeException(String detail) {
        super(Fault.of(400, "Wrong JSON shape", "The body " + detail + "."));
    }
}
