package changeledger.projection;

import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.ingestion.TaskClassifier;
import changeledger.processing.ProcessingBatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the task view: a row per Proxmox task at its start, completed by its finish (which always comes later in the
 * gap-safe order: it is the next event of the same stream). Replayable, e.g. after a host's class table changed.
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

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        List<TaskRow> started = new ArrayList<>();
        List<TaskViewRepository.Finish> finished = new ArrayList<>();
        for (StoredEvent event : batch.events()) {
            if (ProxmoxTaskStarted.TYPE.equals(event.type())) {
                started.add(started(event));
            } else if (ProxmoxTaskFinished.TYPE.equals(event.type())) {
                JsonNode payload = event.payload();
                finished.add(new TaskViewRepository.Finish(payload.path("hostId").asText(),
                        payload.path("upid").asText(), Instant.parse(payload.path("endTime").asText()),
                        payload.path("status").asText(), payload.path("failed").asBoolean()));
            }
        }
        if (started.isEmpty() && finished.isEmpty()) {
            return;
        }
        Connection connection = batch.connection();
        repository.insert(connection, batch.generation(), started);
        repository.finish(connection, batch.generation(), finished);
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    private TaskRow started(StoredEvent event) {
        JsonNode payload = event.payload();
        EventFacts facts = EventFacts.of(event, classifier);
        return new TaskRow(payload.path("upid").asText(), payload.path("type").asText(),
                Instant.parse(payload.path("startTime").asText()), null, null, facts.eventClass(), facts.guest(),
                facts.actor(), null, facts.hostId());
    }
}
