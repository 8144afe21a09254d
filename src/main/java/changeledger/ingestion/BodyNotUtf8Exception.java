package changeledger.ingestion;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** A body that is not valid UTF-8 (400); nothing is stored. */
public class BodyNotUtf8Exception extends ProblemException {

    /** Creates the exception. */
    public BodyNotUtf8Exception(int lineNumber) {
        super(Fault.of(400, "Body not UTF-8", lineNumber > 0
                ? "Line " + lineNumber + " is not valid UTF-8; send the files as they are on the node (UTF-8)."
                : "The body is not valid UTF-8."));
    }
}
