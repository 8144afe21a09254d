package changeledger.projection.disruption;

import changeledger.eventstore.StoredEvent;
import changeledger.host.ChangeTarget;
import changeledger.ingestion.DisruptionWindow;
import changeledger.ingestion.IngestionEventCodec;
import changeledger.ingestion.JournalConfig;
import changeledger.ingestion.JournalObservation;
import changeledger.ingestion.ProxmoxNotificationReceived;
import changeledger.ingestion.ProxmoxTaskEvent;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.ingestion.TaskClass;
import changeledger.ingestion.TaskClassifier;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import changeledger.projection.EventFacts;
import changeledger.projection.ObservedTarget;
import changeledger.projection.disruption.DisruptionRepository.Restart;
import changeledger.projection.disruption.DisruptionRepository.TargetRef;
import changeledger.projection.disruption.NodeRestarts.HostTask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the disruption windows. Events come in the store's order, not in time order (collectors upload late, files
 * arrive out of order, a finish long after its start), so the projection keeps the facts of every task that matters
 * and, for each target a batch touches, recomputes that target's windows in time order ({@link DisruptionRules}) from
 * its last window that did not fail and starts more than a minute before the batch's earliest fact (ADR 0019). A
 * {@code retire} entry is a fact of its guest like a task; a task without finish is cut off where its node restarted
 * ({@link NodeRestarts}), which changes its fact. A fencing notification of the host's node is a node stop fact
 * ({@link DisruptionTask#fencing}). Manual entries' windows are written and removed as their events
 * come. Replayable: a
 * replay rebuilds both tables in a new generation, e.g. after a host's class table changed.
 */
@ApplicationScoped
public class DisruptionProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "disruption-windows";

    private final DisruptionRepository repository;
    private final TaskClassifier classifier;
    private final ManualDisruption entries;
    private final Duration grace;

    /** Wires the projection. */
    public DisruptionProjection(DisruptionRepository repository, TaskClassifier classifier, ObjectMapper mapper,
                                JournalConfig journal) {
        this.repository = repository;
        this.classifier = classifier;
        this.grace = journal.guestRestartGrace();
        this.entries = new ManualDisruption(mapper);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Map<String, DisruptionTask> incoming = new LinkedHashMap<>();
        Map<String, HostTask> hostTasks = new LinkedHashMap<>();
        Map<List<String>, ManualDisruption.Change> manual = new LinkedHashMap<>();
        for (StoredEvent event : batch.events()) {
            if (ProxmoxTaskEvent.AGGREGATE_TYPE.equals(event.aggregate().type())) {
                read(event, incoming, hostTasks);
            } else if (JournalObservation.AGGREGATE_TYPE.equals(event.aggregate().type())) {
                DisruptionTask fact = journalFact(IngestionEventCodec.journalFromStored(event), event.id().toString());
                if (fact != null) {
                    incoming.put(fact.hostId() + "/" + fact.upid(), fact);
                }
            } else if (ObservedTarget.CONFIG_DRIFT_OBSERVED.equals(event.type())) {
                JsonNode drift = event.payload();
                String guest = drift.path("guest").asText(null);
                if (drift.path("gone").asBoolean(false) && ChangeTarget.isGuest(guest)) {
                    DisruptionTask gone = DisruptionTask.gone(drift.path("hostId").asText(), event.id().toString(),
                            guest, event.occurredAt());
                    incoming.put(gone.hostId() + "/" + gone.upid(), gone);
                }
            } else if (ProxmoxNotificationReceived.TYPE.equals(event.type())) {
                fencing(event).ifPresent(fact -> incoming.put(fact.hostId() + "/" + fact.upid(), fact));
            } else {
                entries.change(event).ifPresent(change -> manual.put(List.of(change.hostId(), change.key()), change));
            }
        }
        Connection connection = batch.connection();
        int generation = batch.generation();
        NodeRestarts.save(connection, generation, hostTasks.values());
        List<DisruptionTask> cut = new ArrayList<>(NodeRestarts.cutOff(connection, generation, incoming.values()));
        cut.addAll(NodeRestarts.cutOffBy(connection, generation, hostTasks.values()));
        cut.forEach(task -> incoming.merge(task.hostId() + "/" + task.upid(), task, DisruptionTask::merge));
        List<String> retractedHosts = new ArrayList<>();
        List<String> retractedKeys = new ArrayList<>();
        for (ManualDisruption.Change change : manual.values()) {
            if (change.retire().isPresent()) {
                DisruptionTask retire = change.retire().get();
                incoming.put(retire.hostId() + "/" + retire.upid(), retire);
            } else {
                retractedHosts.add(change.hostId());
                retractedKeys.add(change.key());
            }
        }
        List<DisruptionTask> removed = EntryFacts.read(connection, generation, retractedHosts, retractedKeys);
        if (!incoming.isEmpty() || !removed.isEmpty()) {
            recompute(connection, generation, incoming, removed);
        }
        if (!manual.isEmpty()) {
            List<Disruption> recorded = new ArrayList<>();
            List<String> hosts = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (ManualDisruption.Change change : manual.values()) {
                if (change.window().isPresent()) {
                    recorded.add(change.window().get());
                } else {
                    hosts.add(change.hostId());
                    keys.add(change.key());
                }
            }
            repository.deleteWindows(connection, generation, hosts, keys);
            repository.saveWindows(connection, generation, recorded);
        }
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    /**
     * Merges the batch's task facts into the stored ones and recomputes the windows of every target they touch, from
     * the last window before the earliest changed fact on (ADR 0019).
     */
    private void recompute(Connection connection, int generation, Map<String, DisruptionTask> incoming,
                           List<DisruptionTask> removed) throws Exception {
        Map<TargetRef, Instant> earliest = new LinkedHashMap<>();
        for (DisruptionTask task : incoming.values()) {
            earliest.merge(new TargetRef(task.hostId(), task.target()), task.startTime(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        for (DisruptionTask task : removed) {
            earliest.merge(new TargetRef(task.hostId(), task.target()), task.startTime(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<TargetRef, Restart> restarts = repository.restarts(connection, generation, earliest, grace);
        Map<TargetRef, Map<String, DisruptionTask>> byTarget = new LinkedHashMap<>();
        Map<TargetRef, FactPosition> from = new LinkedHashMap<>();
        restarts.forEach((target, restart) -> {
            Map<String, DisruptionTask> tasks = new LinkedHashMap<>();
            restart.facts().forEach(task -> tasks.put(task.upid(), task));
            byTarget.put(target, tasks);
            from.put(target, restart.from());
        });
        for (DisruptionTask task : removed) {
            byTarget.get(new TargetRef(task.hostId(), task.target())).remove(task.upid());
        }
        List<DisruptionTask> changed = new ArrayList<>(incoming.size());
        for (DisruptionTask task : incoming.values()) {
            Map<String, DisruptionTask> tasks = byTarget.get(new TargetRef(task.hostId(), task.target()));
            changed.add(tasks.merge(task.upid(), task, DisruptionTask::merge));
        }
        EntryFacts.delete(connection, generation, removed);
        repository.saveTasks(connection, generation, changed);
        List<Disruption> windows = new ArrayList<>();
        byTarget.forEach((target, tasks) -> windows.addAll(DisruptionRules.windowsFrom(tasks.values(),
                from.get(target), grace)));
        repository.replaceTaskWindows(connection, generation, from, windows);
    }

    /**
     * The fact of a journal observation, or null when it tells the rules nothing: a stop whose cause was a memory kill
     * (the kill's own fact opened the window), a container's guest id that is none, a boot after a clean shutdown or
     * after a boot that was not seen.
     */
    static DisruptionTask journalFact(JournalObservation observation, String eventId) {
        if (observation instanceof JournalObservation.GuestStopObserved stop) {
            if (JournalObservation.GuestStopObserved.KILLED.equals(stop.cause()) || !ChangeTarget.isGuest(stop.guestId())) {
                return null;
            }
            boolean graced = !JournalObservation.GuestStopObserved.CRASHED.equals(stop.cause());
            return DisruptionTask.journalStop(stop.hostId(), eventId, stop.guestId(), stop.at(), graced);
        }
        if (observation instanceof JournalObservation.GuestKilledObserved kill) {
            return ChangeTarget.isGuest(kill.guestId())
                    ? DisruptionTask.journalKill(kill.hostId(), eventId, kill.guestId(), kill.at(), kill.wholeGuest())
                    : null;
        }
        if (observation instanceof JournalObservation.GuestStartObserved start) {
            return ChangeTarget.isGuest(start.guestId())
                    ? DisruptionTask.journalStart(start.hostId(), eventId, start.guestId(), start.at()) : null;
        }
        if (observation instanceof JournalObservation.NodeFencedObserved fenced) {
            // the fenced node's window, on its own host: a fencing notification of the same node falls inside it
            // (or it inside the notification's), so one fencing counts once (ADR 0063)
            return fenced.fencedHostId() == null ? null
                    : DisruptionTask.journalFencing(fenced.fencedHostId(), eventId, fenced.at());
        }
        if (!(observation instanceof JournalObservation.NodeBootObserved boot)) {
            return null;
        }
        return boot.unclean()
                ? DisruptionTask.nodeUncleanBoot(boot.hostId(), eventId, boot.previousLastLineAt(), boot.at()) : null;
    }

    /**
     * What a task event tells: the task's place in its node's uptime (every task of a known host), and its fact, if
     * the rules look at its type on its host.
     */
    private void read(StoredEvent event, Map<String, DisruptionTask> incoming, Map<String, HostTask> hostTasks) {
        EventFacts facts = EventFacts.of(event, classifier);
        if (facts.hostId() == null) {
            return;
        }
        ProxmoxTaskEvent decoded = IngestionEventCodec.fromStored(event);
        String type;
        String taskId;
        Instant start;
        Instant end = null;
        boolean failed = false;
        long pstart;
        if (decoded instanceof ProxmoxTaskFinished finished) {
            type = finished.type();
            taskId = finished.guestId();
            start = finished.startTime();
            end = finished.endTime();
            failed = finished.failed();
            pstart = pstartOf(finished.upid());
        } else {
            ProxmoxTaskStarted started = (ProxmoxTaskStarted) decoded;
            type = started.type();
            taskId = started.guestId();
            start = started.startTime();
            pstart = started.pstart();
        }
        if (start == null) {
            return;
        }
        if (pstart >= 0) {
            hostTasks.putIfAbsent(facts.hostId() + "/" + decoded.upid(),
                    new HostTask(facts.hostId(), decoded.upid(), start, pstart));
        }
        if (type == null || facts.eventClass() == null) {
            return;
        }
        DisruptionWindow window = classifier.forHost(facts.hostId()).window(type);
        TaskClass taskClass = TaskClass.fromText(facts.eventClass());
        if (!DisruptionTask.relevant(window, taskClass)) {
            return;
        }
        String target = DisruptionTask.targetOf(type, taskId);
        DisruptionTask task = new DisruptionTask(facts.hostId(), decoded.upid(), target,
                DisruptionTask.guestOf(target), type, window, taskClass, start, end, failed, pstart, null);
        incoming.merge(task.hostId() + "/" + task.upid(), task, DisruptionTask::merge);
    }

    /** The fact of a fencing notification of the host's own node, if it is one. */
    private static Optional<DisruptionTask> fencing(StoredEvent event) {
        JsonNode n = event.payload();
        String type = n.path("type").asText(null);
        String hostId = n.path("hostId").asText(null);
        if (hostId == null || !ProxmoxNotificationReceived.fencesHostNode(type, n.path("fields").path("hostname")
                .asText(null), n.path("node").asText(null))) {
            return Optional.empty();
        }
        return Optional.of(DisruptionTask.fencing(hostId, event.id().toString(), event.occurredAt()));
    }

    /**
     * A stored UPID's process start, its fourth field ({@code UPID:<node>:<pid>:<pstart>:...}, each stored UPID passed
     * {@code Upid.parse} on its way in), read without the pattern since every finished task asks; or
     * {@link DisruptionTask#NO_PSTART} for text of another shape.
     */
    static long pstartOf(String upid) {
        int from = 0;
        for (int field = 0; field < 3 && from >= 0; field++) {
            from = upid.indexOf(':', from) + 1;
            from = from == 0 ? -1 : from;
        }
        int to = from < 0 ? -1 : upid.indexOf(':', from);
        if (to <= from) {
            return DisruptionTask.NO_PSTART;
        }
        try {
            return Long.parseLong(upid, from, to, 16);
        } catch (NumberFormatException e) {
            return DisruptionTask.NO_PSTART;
        }
    }
}
