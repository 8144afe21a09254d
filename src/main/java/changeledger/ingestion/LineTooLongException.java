package changeledger.ingestion;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** A line over 64 KiB (413); nothing is stored. */
public class LineTooLongException extends ProblemException {

    /** Creates the exception. */
    public LineTooLongException(int lineNumber, int bytes) {
        super(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Line too long", "Line " + lineNumber
                + " has " + bytes + " bytes; a line may have at most " + IngestionBody.MAX_LINE_BYTES + " bytes."));
    }
}
