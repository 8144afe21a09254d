package changeledger.ingestion;

import changeledger.api.Problem;
import changeledger.api.ProblemException;
import jakarta.ws.rs.core.Response;

/** A body over the configured limit (413); nothing is stored. */
public class BodyTooLargeException extends ProblemException {

    /** Creates the exception. */
    public BodyTooLargeException(long bytes, long maxBytes) {
        super(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Body too large", "The body has " + bytes
                + " bytes; at most " + maxBytes + " are accepted (changeledger.limits.upload-bytes). "
                + "Send it in parts."));
    }
}
