package changeledger.ingestion;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every line of an upload was rejected (422); nothing is stored. The problem carries the per-line body. */
public class UnprocessableUploadException extends ProblemException {

    private final transient IngestionResult result;

    /** Creates the exception for a result that is {@link IngestionResult#unprocessable()}. */
    public UnprocessableUploadException(IngestionResult result) {
        super(problem(result));
        this.result = result;
    }

    /** The per-line result. */
    public IngestionResult result() {
        return result;
    }

    private static Fault problem(IngestionResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", result.accepted());
        body.put("duplicates", result.duplicates());
        body.put("ignored", result.ignored());
        body.put("rejected", result.rejected());
        body.put("rejectedCount", result.rejectedCount());
        String first = result.rejected().isEmpty() ? "" : " Line " + result.rejected().get(0).lineNumber() + ": "
                + result.rejected().get(0).reason();
        return Fault.of(422, "Nothing to ingest", "Every line was rejected ("
                + result.rejectedCount() + (result.rejectedCount() > result.rejected().size() ? ", the first "
                + result.rejected().size() + " listed" : "") + "); nothing was stored." + first).with(body);
    }
}
