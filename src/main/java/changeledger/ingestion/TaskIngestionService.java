package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.domain.BodyTooLargeException;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Ingests Proxmox task sightings of one host in one transaction, a chunk of lines at a time in the store's
 * stream order: read the chunk's task streams in one query, decide, append what is new. A chunk sees what
 * earlier chunks appended in the same transaction, so the events are those a decision over the whole upload
 * makes, while the memory an upload needs beyond its body is that of one chunk.
 */
@ApplicationScoped
public class TaskIngestionService {

    /** Transactions one upload may take when concurrent uploads of the same tasks collide. */
    static final int ATTEMPTS = 3;

    /** Lines decided and appended together: a line adds at most two events, so one chunk is one statement. */
    static final int LINES_PER_CHUNK = EventStore.EVENTS_PER_STATEMENT / 2;

    private final EventStore store;
    private final LimitsConfig limits;

    /** Wires the service. */
    public TaskIngestionService(EventStore store, LimitsConfig limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * Ingests lines of {@code index}, {@code index.1} and {@code active} (mixed freely). Lines that are not
     * UTF-8, hold control characters or are over 64 KiB are refused lines, not body faults.
     *
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes} or upload-lines
     * @throws UnprocessableUploadException (422) every line rejected
     */
    public IngestionResult ingestTaskFile(String hostId, String node, byte[] body, EventMetadata metadata) {
        BodyLines lines = IngestionBody.lines(body, limits.uploadBytes(), limits.uploadLines());
        return ingest(hostId, node, TaskSightings.of(lines), IngestionSources.orDefault(metadata, "task-index"));
    }

    /**
     * Ingests the JSON of {@code GET /api2/json/nodes/{node}/tasks}: the {@code data} array or the whole envelope.
     *
     * @throws MalformedJsonBodyException   (400) not JSON
     * @throws WrongJsonShapeException      (400) JSON that is not a task list
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes} or upload-lines items
     * @throws BodyNotUtf8Exception         (400) not UTF-8
     * @throws UnprocessableUploadException (422) every item rejected
     */
    public IngestionResult ingestTaskJson(String hostId, String node, byte[] body, EventMetadata metadata) {
        JsonItems items = IngestionBody.taskList(body, limits.uploadBytes(), limits.uploadLines());
        return ingest(hostId, node, TaskSightings.of(items), IngestionSources.orDefault(metadata, "task-api"));
    }

    /**
     * Ingests sightings parsed elsewhere (the pull connector) in one new transaction; when a concurrent
     * upload stored some of the same tasks first, it decides again on what that upload committed.
     *
     * @throws UnprocessableUploadException (422) every sighting rejected
     */
    public IngestionResult ingest(String hostId, String node, List<LineOutcome<TaskFact>> outcomes,
                                  EventMetadata metadata) {
        return ingest(hostId, node, TaskSightings.of(outcomes), metadata);
    }

    private IngestionResult ingest(String hostId, String node, TaskSightings sightings, EventMetadata metadata) {
        return ConflictRetry.inNewTransaction(ATTEMPTS, () -> {
            IngestionTally tally = new IngestionTally();
            append(store, hostId, node, sightings, metadata, tally);
            return IngestionSources.finish(tally);
        });
    }

    /**
     * Decides and appends sightings in the caller's transaction, chunk by chunk, each against the stored events of
     * the tasks it touches, and counts their lines into {@code tally}.
     */
    static void append(EventStore store, String hostId, String node, TaskSightings sightings, EventMetadata metadata,
                       IngestionTally tally) {
        for (int from = 0; from < sightings.size(); from += LINES_PER_CHUNK) {
            List<LineOutcome<TaskFact>> chunk = sightings.chunk(from, LINES_PER_CHUNK);
            Map<AggregateRef, List<StoredEvent>> stored =
                    store.readStreams(TaskUploadDecider.touchedStreams(hostId, chunk));
            IngestionSources.append(store, TaskUploadDecider.decide(hostId, node, chunk, stored), metadata, tally);
        }
    }
}
