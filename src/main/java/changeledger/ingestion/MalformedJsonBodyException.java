package changeledger.ingestion;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A body that is not JSON (400); nothing is stored. */
public class MalformedJsonBodyException extends ProblemException {

    /** The exception for what the JSON parser found, with where it found it. */
    static MalformedJsonBodyException of(JsonProcessingException e) {
        return new MalformedJsonBodyException(e.getOriginalMessage() + (e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }

    /** Creates the exception. */
    public MalformedJsonBodyException(String reason) {
        super(Fault.of(400, "Invalid JSON body",
                "The body is not valid JSON: " + reason + "."));
    }
}
