package changeledger.ingestion;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides task lines (an upload, or a chunk of one) against the stored state of the streams they touch:
 * lines are taken in order, each seeing what the lines before it added, so several lines about one task
 * collapse into one start and at most one finish. A later chunk of the same upload sees what earlier
 * chunks appended through the store, in the upload's transaction.
 */
public final class TaskUploadDecider {

    private TaskUploadDecider() {
    }

    /** The streams an upload touches: one per task of an accepted line. */
    public static Collection<AggregateRef> touchedStreams(String hostId, List<LineOutcome<TaskFact>> outcomes) {
        Collection<AggregateRef> streams = new LinkedHashSet<>();
        for (LineOutcome<TaskFact> outcome : outcomes) {
            if (outcome instanceof LineOutcome.Accepted<TaskFact> accepted) {
                streams.add(stream(hostId, accepted.fact().upid()));
            }
        }
        return streams;
    }

    /**
     * The plan for an upload.
     *
     * @param hostId   the host the upload is for
     * @param node     that host's Proxmox node name
     * @param outcomes the parsed lines
     * @param stored   the stored events of the touched streams (absent streams have none)
     */
    public static IngestionPlan decide(String hostId, String node,
                                       List<LineOutcome<TaskFact>> outcomes,
                                       Map<AggregateRef, List<StoredEvent>> stored) {
        Map<AggregateRef, TaskState> states = new HashMap<>();
        Map<AggregateRef, Long> lastSequences = new HashMap<>();
        stored.forEach((stream, events) -> {
            TaskState state = TaskState.UNSEEN;
            for (StoredEvent event : events) {
                state = TaskState.evolve(state, IngestionEventCodec.fromStored(event));
            }
            states.put(stream, state);
            lastSequences.put(stream, events.isEmpty() ? AppendRequest.NEW_STREAM
                    : events.get(events.size() - 1).sequence());
        });
        Map<AggregateRef, List<NewEvent>> pending = new LinkedHashMap<>();
        List<PlannedLine> lines = new ArrayList<>(outcomes.size());
        for (LineOutcome<TaskFact> outcome : outcomes) {
            if (!(outcome instanceof LineOutcome.Accepted<TaskFact> accepted)) {
                lines.add(PlannedLine.of(outcome));
                continue;
            }
            AggregateRef stream = stream(hostId, accepted.fact().upid());
            TaskState state = states.getOrDefault(stream, TaskState.UNSEEN);
            List<ProxmoxTaskEvent> events;
            try {
                events = ProxmoxTask.decide(new RecordTaskSighting(hostId, node, accepted.fact()), state);
            } catch (TaskSightingRejectedException e) {
                lines.add(PlannedLine.rejected(outcome, e.getMessage()));
                continue;
            }
            if (events.isEmpty()) {
                lines.add(PlannedLine.duplicate(outcome));
                continue;
            }
            List<UUID> ids = new ArrayList<>(events.size());
            for (ProxmoxTaskEvent event : events) {
                state = TaskState.evolve(state, event);
                NewEvent newEvent = IngestionEventCodec.toNewEvent(event);
                pending.computeIfAbsent(stream, s -> new ArrayList<>()).add(newEvent);
                ids.add(newEvent.id());
            }
            states.put(stream, state);
            lines.add(PlannedLine.adds(outcome, ids));
        }
        List<AppendRequest> appends = new ArrayList<>(pending.size());
        pending.forEach((stream, events) -> appends.add(new AppendRequest(stream,
                lastSequences.getOrDefault(stream, AppendRequest.NEW_STREAM), events)));
        return new IngestionPlan(appends, lines);
    }

    /** The stream of a task of a host. */
    public static AggregateRef stream(String hostId, Upid upid) {
        return new AggregateRef(ProxmoxTaskEvent.AGGREGATE_TYPE, ProxmoxTaskEvent.aggregateId(hostId, upid.text()));
    }
}
