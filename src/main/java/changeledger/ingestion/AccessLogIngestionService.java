package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Ingests pveproxy access-log lines of one host: every new change line is appended, in one transaction. */
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
     * Ingests access-log lines of a host whose Proxmox node is {@code hostNode} (null: not declared).
     *
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes}
     * @throws LineTooLongException         (413) a line over 64 KiB
     * @throws BodyNotUtf8Exception         (400) not UTF-8
     * @throws UnprocessableUploadException (422) every line rejected
     */
    public IngestionResult ingestAccessLog(String hostId, String hostNode, byte[] body, EventMetadata metadata) {
        IngestionPlan plan = AccessLogUploadDecider.decide(hostId, hostNode,
                AccessLogParser.parse(IngestionBody.lines(body, limits.uploadBytes()).asList()));
        EventMetadata withSource = IngestionSources.orDefault(metadata, "access-log");
        return ConflictRetry.inNewTransaction(TaskIngestionService.ATTEMPTS,
                () -> IngestionSources.finish(List.of(IngestionSources.append(store, plan, withSource))));
    }
}
