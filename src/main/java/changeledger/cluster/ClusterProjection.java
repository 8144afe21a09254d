package changeledger.cluster;

import changeledger.eventstore.StoredEvent;
import changeledger.host.HostEvent;
import changeledger.ingestion.JournalObservation;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Feeds the clusters' read model (ADR 0062): membership spans from {@code HostJoinedCluster} / {@code
 * HostLeftCluster} (at their {@code since}; events stored before the field existed at their occurred-at time), the
 * hosts' {@code clustercreate} / {@code clusterjoin} tasks, and the journal's quorum, membership and fencing
 * observations (ADR 0063). A host's stream is read in its order, so a leave always finds its join. Replayable.
 */
@ApplicationScoped
public class ClusterProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "clusters";

    /** The task types that are the evidence of a join. */
    static final Set<String> JOIN_TASKS = Set.of("clustercreate", "clusterjoin");

    private static final String JOINED = HostEvent.HostJoinedCluster.class.getSimpleName();
    private static final String LEFT = HostEvent.HostLeftCluster.class.getSimpleName();

    private final ClusterRepository repository;

    /** Wires the projection. */
    public ClusterProjection(ClusterRepository repository) {
        this.repository = repository;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Connection connection = batch.connection();
        int generation = batch.generation();
        List<ClusterTask> tasks = new ArrayList<>();
        for (StoredEvent event : batch.events()) {
            JsonNode payload = event.payload();
            String type = event.type();
            if (HostEvent.AGGREGATE_TYPE.equals(event.aggregate().type())) {
                if (JOINED.equals(type)) {
                    repository.join(connection, generation, event.position(), text(payload, "hostId"),
                            text(payload, "cluster"), since(event));
                } else if (LEFT.equals(type)) {
                    repository.leave(connection, generation, text(payload, "hostId"), since(event));
                }
            } else if (ProxmoxTaskStarted.TYPE.equals(type) || ProxmoxTaskFinished.TYPE.equals(type)) {
                String taskType = text(payload, "type");
                if (taskType != null && JOIN_TASKS.contains(taskType) && payload.hasNonNull("startTime")) {
                    boolean finished = ProxmoxTaskFinished.TYPE.equals(type);
                    tasks.add(new ClusterTask(text(payload, "hostId"), text(payload, "upid"), taskType,
                            Instant.parse(text(payload, "startTime")),
                            finished ? Instant.parse(text(payload, "endTime")) : null,
                            finished ? text(payload, "status") : null));
                }
            } else if (JournalObservation.AGGREGATE_TYPE.equals(event.aggregate().type())) {
                ClusterObservation observation = observation(event);
                if (observation != null) {
                    repository.observe(connection, generation, event.position(), observation);
                }
            }
        }
        repository.saveTasks(connection, generation, tasks);
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    /** When a membership change took effect: its {@code since}, or the time an event without one occurred. */
    static Instant since(StoredEvent event) {
        String since = text(event.payload(), "since");
        return since != null ? Instant.parse(since) : event.occurredAt();
    }

    /** What a journal observation tells of the cluster, or null. */
    static ClusterObservation observation(StoredEvent event) {
        JsonNode p = event.payload();
        String kind;
        String detail = null;
        String subject = null;
        switch (event.type()) {
            case JournalObservation.QuorumChangeObserved.TYPE -> {
                kind = p.path("quorate").asBoolean() ? ClusterObservation.QUORUM_REGAINED
                        : ClusterObservation.QUORUM_LOST;
                detail = text(p, "source");
            }
            case JournalObservation.ClusterMembersObserved.TYPE -> {
                kind = ClusterObservation.MEMBERS_CHANGED;
                detail = ("joined:" + ids(p.path("joined")) + " left:" + ids(p.path("left"))).strip();
            }
            case JournalObservation.NodeFencedObserved.TYPE -> {
                kind = ClusterObservation.NODE_FENCED;
                detail = text(p, "node");
                subject = text(p, "fencedHostId");
            }
            default -> {
                return null;
            }
        }
        return new ClusterObservation(text(p, "hostId"), kind, Instant.parse(text(p, "at")), detail, subject,
                event.id(), text(p, "line"));
    }

    private static String ids(JsonNode list) {
        StringBuilder text = new StringBuilder();
        list.forEach(id -> text.append(' ').append(id.asText()));
        return text.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
