package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Ingests Proxmox task sightings of one host: parse, read the touched task streams in one query,
 * decide, and append everything new in one statement, all in one transaction.
 */
@ApplicationScoped
public class TaskIngestionService {

    private final EventStore store;
    private final TaskClassifier classifier;
    private final LimitsConfig limits;

    /** Wires the service. */
    public TaskIngestionService(EventStore store, TaskClassifier classifier, LimitsConfig limits) {
        this.store = store;
        this.classifier = classifier;
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
    @Transactional
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
    @Transactional
    public IngestionResult ingestTaskJson(String hostId, String node, byte[] body, EventMetadata metadata) {
        List<LineOutcome<TaskFact>> outcomes = TaskJsonParser.parse(IngestionBody.json(body, limits.uploadBytes()));
        return ingest(hostId, node, outcomes, IngestionSources.orDefault(metadata, "task-api"));
    }

    /**
     * Ingests sightings parsed elsewhere (the pull connector), in the caller's transaction or a new one.
     *
     * @throws UnprocessableUploadException (422) every sighting rejected
     */
    @Transactional
    public IngestionResult ingest(String hostId, String node, List<LineOutcome<TaskFact>> outcomes,
                                  EventMetadata metadata) {
        Collection<AggregateRef> touched = TaskUploadDecider.touchedStreams(hostId, outcomes);
        Map<AggregateRef, List<StoredEvent>> stored = store.readStreams(touched);
        IngestionPlan plan = TaskUploadDecider.decide(hostId, node, classifier.forHost(hostId), outcomes, stored);
        return IngestionSources.finish(store, plan, metadata);
    }
}
