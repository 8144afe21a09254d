package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.domain.BodyTooLargeException;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingests pveproxy access-log lines of one host: every new change line is appended, in one transaction.
 * Lines that are refused or not changes are counted as they are parsed and not kept (but for the first
 * refused ones the answer lists), so an upload holds its body and its change lines, nothing per junk line.
 */
@ApplicationScoped
public class AccessLogIngestionService {

    private final EventStore store;
    private final LimitsConfig limits;

    /** Wires the service. */
    public AccessLogIngestionService(EventStore store, LimitsConfig limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * Ingests access-log lines of a host whose Proxmox node is {@code hostNode} (null: not declared). Lines that are
     * not UTF-8, hold control characters or are over 64 KiB are refused lines, not body faults.
     *
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes} or upload-lines
     * @throws UnprocessableUploadException (422) every line rejected
     */
    public IngestionResult ingestAccessLog(String hostId, String hostNode, byte[] body, EventMetadata metadata) {
        BodyLines lines = IngestionBody.lines(body, limits.uploadBytes(), limits.uploadLines());
        EventMetadata withSource = IngestionSources.orDefault(metadata, "access-log");
        return ConflictRetry.inNewTransaction(TaskIngestionService.ATTEMPTS, () -> {
            IngestionTally tally = new IngestionTally();
            List<LineOutcome<ApiCall>> changes = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                LineOutcome<ApiCall> outcome = parse(lines, i);
                if (outcome instanceof LineOutcome.Rejected<ApiCall> rejected) {
                    tally.reject(rejected.lineNumber(), rejected.line(), rejected.reason());
                } else if (outcome instanceof LineOutcome.Ignored<ApiCall>) {
                    tally.ignore();
                } else if (outcome != null) {
                    changes.add(outcome);
                }
            }
            IngestionSources.append(store, AccessLogUploadDecider.decide(hostId, hostNode, changes), withSource, tally);
            return IngestionSources.finish(tally);
        });
    }

    /** The outcome of line {@code index}, or {@code null} for a blank line. */
    private static LineOutcome<ApiCall> parse(BodyLines lines, int index) {
        String fault = lines.fault(index);
        if (fault != null) {
            return new LineOutcome.Rejected<>(index + 1, lines.line(index), fault);
        }
        String line = lines.line(index);
        return line.isBlank() ? null : AccessLogParser.parseLine(index + 1, line);
    }
}
