package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Ingests Proxmox task sightings of one host: parse, then in one transaction read the touched task
 * streams in one query, decide, and append everything new in one statement.
 */
@ApplicationScoped
public class TaskIngestionService {

    /** Transactions one upload may take when concurrent uploads of the same tasks collide. */
    static final int ATTEMPTS = 3;

    private final EventStore store;
    private final LimitsConfig limits;

    /** Wires the service. */
    public TaskIngestionService(EventStore store, LimitsConfig limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * Ingests lines of {@code index}, {@code index.1} and {@code active} (mixed freely).
     *
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes}
     * @throws LineTooLongException         (413) a line over 64 KiB
     * @throws BodyNotUtf8Exception         (400) not UTF-8
     * @throws UnprocessableUploadException (422) every line rejected
     */
    public IngestionResult ingestTaskFile(String hostId, String node, byte[] body, EventMetadata metadata) {
        List<String> lines = IngestionBody.lines(body, limits.uploadBytes());
        return ingest(hostId, node, TaskFileParser.parse(lines), IngestionSources.orDefault(metadata, "task-index"));
    }

    /**
     * Ingests the JSON of {@code GET /api2/json/nodes/{node}/tasks}: the {@code data} array or the whole envelope.
     *
     * @throws MalformedJsonBodyException   (400) not JSON
     * @throws WrongJsonShapeException      (400) JSON that is not a task list
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes}
     * @throws BodyNotUtf8Exception         (400) not UTF-8
     * @throws UnprocessableUploadException (422) every item rejected
     */
    public IngestionResult ingestTaskJson(String hostId, String node, byte[] body, EventMetadata metadata) {
        List<LineOutcome<TaskFact>> outcomes = TaskJsonParser.parse(IngestionBody.json(body, limits.uploadBytes()));
        return ingest(hostId, node, outcomes, IngestionSources.orDefault(metadata, "task-api"));
    }

    /**
     * Ingests sightings parsed elsewhere (the pull connector) in one new transaction; when a concurrent
     * upload stored some of the same tasks first, it decides again on what that upload committed.
     *
     * @throws UnprocessableUploadException (422) every sighting rejected
     */
    public IngestionResult ingest(String hostId, String node, List<LineOutcome<TaskFact>> outcomes,
                                  EventMetadata metadata) {
        Collection<AggregateRef> touched = TaskUploadDecider.touchedStreams(hostId, outcomes);
        return ConflictRetry.inNewTransaction(ATTEMPTS, () -> {
            Map<AggregateRef, List<StoredEvent>> stored = store.readStreams(touched);
            IngestionPlan plan = TaskUploadDecider.decide(hostId, node, outcomes, stored);
            return IngestionSources.finish(store, plan, metadata);
        });
    }
}
