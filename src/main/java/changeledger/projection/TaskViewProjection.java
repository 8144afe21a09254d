package changeledger.projection;

import changeledger.domain.EventClass;
import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.ingestion.ReplicationRunObserved;
import changeledger.ingestion.TaskClassifier;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the task view: a row per Proxmox task at its start, completed by its finish (which always comes later in the
 * gap-safe order: it is the next event of the same stream), and a row per replication run, whole from its one event. Replayable, e.g. after a host's class table changed.
 */
@ApplicationScoped
public class TaskViewProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "task-view";

    private final TaskViewRepository repository;
    private final TaskClassifier classifier;

    /** Wires the projection. */
    public TaskViewProjection(TaskViewRepository repository, TaskClassifier classifier) {
        this.repository = repository;
        this.classifier = classifier;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Inserts the batch's tasks with their ends when the batch holds them (a task first seen finished appends both
     * events at once), and ends the tasks started in earlier batches one by one, by primary key.
     */
    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Map<String, TaskRow> started = new LinkedHashMap<>();
        List<TaskViewRepository.Finish> finishedLater = new ArrayList<>();
        for (StoredEvent event : batch.events()) {
            if (ProxmoxTaskStarted.TYPE.equals(event.type())) {
                TaskRow row = started(event);
                if (row.hostId() != null) {
                    started.put(event.aggregate().id(), row);
                }
            } else if (ReplicationRunObserved.TYPE.equals(event.type())) {
                TaskRow row = replicationRun(event);
                started.put(event.aggregate().id(), row);
            } else if (ProxmoxTaskFinished.TYPE.equals(event.type())) {
                JsonNode payload = event.payload();
                TaskViewRepository.Finish finish = new TaskViewRepository.Finish(payload.path("hostId").asText(),
                        payload.path("upid").asText(), Instant.parse(payload.path("endTime").asText()),
                        payload.path("status").asText(), payload.path("failed").asBoolean());
                TaskRow row = started.get(event.aggregate().id());
                if (row == null) {
                    finishedLater.add(finish);
                } else {
                    started.put(event.aggregate().id(), new TaskRow(row.upid(), row.type(), row.start(), finish.end(),
                            finish.status(), row.taskClass(), row.guest(), row.user(), finish.failed(), row.hostId()));
                }
            }
        }
        Connection connection = batch.connection();
        repository.insert(connection, batch.generation(), List.copyOf(started.values()));
        repository.finish(connection, batch.generation(), finishedLater);
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    /**
     * A replication run's row (ADR 0066): keyed {@code <jobId>@<last_try>} in place of a UPID, type
     * {@code replication}, class {@code routine}, ending {@code duration} after its start (at its start when the status
     * gave no duration), status {@code OK} or its error.
     */
    private static TaskRow replicationRun(StoredEvent event) {
        JsonNode payload = event.payload();
        Instant start = Instant.parse(payload.path("lastTry").asText());
        JsonNode duration = payload.path("durationSeconds");
        Instant end = duration.isNumber() ? start.plusMillis(Math.round(duration.asDouble() * 1000)) : start;
        boolean failed = payload.path("failed").asBoolean(false);
        String error = payload.hasNonNull("error") ? payload.path("error").asText() : null;
        return new TaskRow(ReplicationRunObserved.key(payload.path("jobId").asText(), start),
                ReplicationRunObserved.TASK_TYPE, start, end, ReplicationRunObserved.status(failed, error),
                EventClass.ROUTINE.json(), payload.path("guestId").asText(null), ReplicationRunObserved.RUN_BY, failed,
                payload.path("hostId").asText());
    }

    private TaskRow started(StoredEvent event) {
        JsonNode payload = event.payload();
        EventFacts facts = EventFacts.of(event, classifier);
        return new TaskRow(payload.path("upid").asText(), payload.path("type").asText(),
                Instant.parse(payload.path("startTime").asText()), null, null, facts.eventClass(), facts.guest(),
                facts.actor(), null, facts.hostId());
    }
}
