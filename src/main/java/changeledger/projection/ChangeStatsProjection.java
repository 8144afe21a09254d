package changeledger.projection;

import changeledger.domain.EventClass;
import com.fasterxml.jackson.databind.JsonNode;
import changeledger.api.TimeConfig;
import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ApiCallKind;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.ingestion.TaskClassifier;
import changeledger.journal.ManualEntryEvent;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feeds the change statistics: every task once at its start in its class, every access-log call that is a change in
 * its class unless {@link TaskLinkRule} links it to the task it spawned (in whichever order the two arrive), every
 * manual change entry until it is retracted, every configuration drift at its window's end unless {@link DriftLinker}
 * finds the task or call that explains it (for a guest that appeared, also a migration of it on another member of the
 * cluster, whose finish, when it comes later, links its drifts anew: ADR 0068); kept per event and rolled up per
 * host, local day and class. Replayable,
 * e.g. after a host's class table or the service's time zone changed.
 */
@ApplicationScoped
public class ChangeStatsProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "change-stats";

    /** The event that retracts a manual entry: it stops counting. */
    private static final String ENTRY_RETRACTED = ManualEntryEvent.ManualEntryRetracted.class.getSimpleName();

    private static final Comparator<AccessLinker.Range> BY_HOST_AND_TIME =
            Comparator.comparing(AccessLinker.Range::hostId).thenComparing(AccessLinker.Range::low);

    private final ChangeStatsWriter repository;
    private final TaskClassifier classifier;
    private final TimeConfig time;

    /** Wires the projection. */
    public ChangeStatsProjection(ChangeStatsWriter repository, TaskClassifier classifier, TimeConfig time) {
        this.repository = repository;
        this.classifier = classifier;
        this.time = time;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Connection connection = batch.connection();
        int generation = batch.generation();
        List<StatsItem> fresh = new ArrayList<>();
        List<String> retractions = new ArrayList<>();
        Map<String, JsonNode> finishes = new LinkedHashMap<>();
        for (StoredEvent event : batch.events()) {
            if (ProxmoxTaskFinished.TYPE.equals(event.type())) {
                if (StatsItem.MIGRATION_TYPES.contains(event.payload().path("type").asText(""))) {
                    finishes.put(event.aggregate().id(), event.payload());
                }
                continue;
            }
            if (ENTRY_RETRACTED.equals(event.type())) {
                retractions.add(event.aggregate().id());
                continue;
            }
            StatsItem item = item(event);
            if (item != null) {
                fresh.add(item);
            }
        }
        if (fresh.isEmpty() && retractions.isEmpty() && finishes.isEmpty()) {
            return;
        }
        fresh.replaceAll(item -> finishes.containsKey(item.stream()) ? finished(item, finishes.get(item.stream())) : item);
        ZoneId zone = repository.zoneOf(connection, generation, time.timeZone());
        Collection<StatsItem> stored = loadChains(connection, generation, fresh);
        AccessLinker.Outcome outcome = AccessLinker.link(stored, fresh);
        Collection<StatsItem> unexplained =
                repository.unexplainedDrifts(connection, generation, DriftLinker.explaining(outcome.fresh()));
        Set<String> hosts = new HashSet<>();
        if (fresh.stream().anyMatch(item -> item.appeared() || item.bringsGuest())) {
            fresh.forEach(item -> hosts.add(item.hostId()));
            unexplained.forEach(item -> hosts.add(item.hostId()));
        }
        DriftLinker.Outcome drifts = DriftLinker.link(outcome.fresh(),
                repository.explaining(connection, generation, DriftLinker.drifts(outcome.fresh())), unexplained,
                repository.clusters(connection, hosts));
        Map<ChangeStatsWriter.DayKey, Integer> deltas = new HashMap<>();
        for (StatsItem item : drifts.fresh()) {
            if (item.counted()) {
                add(deltas, item, zone, 1);
            }
        }
        Map<Long, StatsItem> before = new HashMap<>();
        stored.forEach(item -> before.put(item.position(), item));
        unexplained.forEach(item -> before.put(item.position(), item));
        List<StatsItem> relinked = new ArrayList<>(outcome.relinked());
        relinked.addAll(drifts.relinked());
        for (StatsItem item : relinked) {
            int delta = (item.counted() ? 1 : 0) - (before.get(item.position()).counted() ? 1 : 0);
            add(deltas, item, zone, delta);
        }
        repository.insert(connection, generation, drifts.fresh());
        repository.relink(connection, generation, relinked);
        for (StatsItem item : repository.retract(connection, generation, retractions)) {
            add(deltas, item, zone, -1);
        }
        reexplain(connection, generation, repository.finish(connection, generation, finishedTasks(finishes)), zone,
                deltas);
        repository.addToDays(connection, generation, deltas);
    }

    /**
     * Explains anew the drifts of other hosts that a migration's finish may change (it failed, or its span grew to its
     * end): the first stored change that explains them now, else none (they count).
     */
    private void reexplain(Connection connection, int generation, List<StatsItem> drifts, ZoneId zone,
                           Map<ChangeStatsWriter.DayKey, Integer> deltas) throws Exception {
        if (drifts.isEmpty()) {
            return;
        }
        List<StatsItem> open = drifts.stream().map(StatsItem::unlinked).toList();
        Map<Integer, StatsItem> explained = repository.explaining(connection, generation, open);
        List<StatsItem> relinked = new ArrayList<>(open.size());
        for (int i = 0; i < open.size(); i++) {
            StatsItem now = explained.getOrDefault(i, open.get(i));
            add(deltas, now, zone, (now.counted() ? 1 : 0) - (drifts.get(i).counted() ? 1 : 0));
            relinked.add(now);
        }
        repository.relink(connection, generation, relinked);
    }

    /** A migration task with its finish. */
    private static StatsItem finished(StatsItem task, JsonNode finish) {
        return task.finished(Instant.parse(finish.path("endTime").asText()), finish.path("failed").asBoolean(false));
    }

    /** The finishes of migration tasks of the batch, by their tasks' streams. */
    private static List<ChangeStatsWriter.MigrationFinish> finishedTasks(Map<String, JsonNode> finishes) {
        List<ChangeStatsWriter.MigrationFinish> tasks = new ArrayList<>(finishes.size());
        finishes.forEach((stream, finish) -> tasks.add(new ChangeStatsWriter.MigrationFinish(
                finish.path("hostId").asText(), stream, Instant.parse(finish.path("startTime").asText()),
                Instant.parse(finish.path("endTime").asText()), finish.path("failed").asBoolean(false))));
        return tasks;
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    /**
     * The countable item an event makes, or null: a task's start, an access-log change, a manual change entry, a
     * configuration drift, an incident (a journal observation or Proxmox notification of class {@code incident}).
     */
    private StatsItem item(StoredEvent event) {
        StatsItem.Kind kind;
        List<String> linkTypes = List.of();
        Instant windowStart = null;
        EventFacts facts = EventFacts.of(event, classifier);
        if (ProxmoxTaskStarted.TYPE.equals(event.type())) {
            kind = StatsItem.Kind.TASK;
            String type = event.payload().path("type").asText(null);
            linkTypes = type == null ? List.of() : List.of(type);
        } else if (ApiChangeObserved.TYPE.equals(event.type())) {
            ApiCallKind call = EventFacts.callKind(event.payload());
            if (!call.change()) {
                return null;
            }
            kind = StatsItem.Kind.ACCESS;
            linkTypes = call.spawns();
        } else if (EventFacts.MANUAL_CLASS.equals(facts.eventClass())) {
            kind = StatsItem.Kind.MANUAL;
        } else if (EventClass.INCIDENT.json().equals(facts.eventClass())) {
            kind = StatsItem.Kind.INCIDENT;
        } else if (ObservedTarget.CONFIG_DRIFT_OBSERVED.equals(event.type())) {
            kind = StatsItem.Kind.DRIFT;
            windowStart = Instant.parse(event.payload().path("windowStart").asText());
            linkTypes = appeared(event.payload()) ? StatsItem.MIGRATION_TYPES : List.of();
        } else {
            return null;
        }
        if (facts.hostId() == null || facts.eventClass() == null) {
            return null;
        }
        return new StatsItem(event.position(), event.id(), facts.hostId(), kind, event.aggregate().id(), facts.guest(),
                facts.eventClass(), event.occurredAt(), true, null, null, linkTypes, facts.target(), windowStart,
                facts.security(), false, null);
    }

    /**
     * Whether a drift shows a guest appear on its host: a guest target that did not go away and held none of its values
     * before (ADR 0065: it may have migrated there from another member of the cluster).
     */
    private static boolean appeared(JsonNode drift) {
        if (drift.path("gone").asBoolean(false) || drift.path("guest").isNull() || drift.path("guest").isMissingNode()) {
            return false;
        }
        for (JsonNode change : drift.path("changes")) {
            if (!change.path("before").isNull() && !change.path("before").isMissingNode()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The stored tasks and calls around the batch's ones, in ranges widened until they hold whole every chain a new item
     * is part of ({@link AccessLinker#incomplete}).
     */
    private Collection<StatsItem> loadChains(Connection connection, int generation, List<StatsItem> fresh)
            throws Exception {
        List<AccessLinker.Range> ranges = ranges(fresh);
        Map<Long, StatsItem> stored = new LinkedHashMap<>();
        List<AccessLinker.Range> toRead = ranges;
        while (!toRead.isEmpty()) {
            repository.nearby(connection, generation, toRead).forEach(item -> stored.putIfAbsent(item.position(), item));
            List<AccessLinker.Range> wider = AccessLinker.incomplete(stored.values(), fresh, ranges);
            List<AccessLinker.Range> all = new ArrayList<>(ranges);
            all.addAll(wider);
            ranges = merge(all);
            toRead = wider;
        }
        return stored.values();
    }

    /** The ranges around the batch's tasks and calls, merged per host. */
    private static List<AccessLinker.Range> ranges(List<StatsItem> fresh) {
        List<AccessLinker.Range> ranges = new ArrayList<>();
        for (StatsItem item : fresh) {
            if (item.linkable()) {
                Instant at = item.occurredAt();
                ranges.add(new AccessLinker.Range(item.hostId(), at.minus(AccessLinker.REACH), at.plus(AccessLinker.REACH)));
            }
        }
        return merge(ranges);
    }

    private static List<AccessLinker.Range> merge(List<AccessLinker.Range> ranges) {
        List<AccessLinker.Range> sorted = new ArrayList<>(ranges);
        sorted.sort(BY_HOST_AND_TIME);
        List<AccessLinker.Range> merged = new ArrayList<>(sorted.size());
        for (AccessLinker.Range range : sorted) {
            AccessLinker.Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.hostId().equals(range.hostId()) && !range.low().isAfter(last.high())) {
                Instant high = range.high().isAfter(last.high()) ? range.high() : last.high();
                merged.set(merged.size() - 1, new AccessLinker.Range(last.hostId(), last.low(), high));
            } else {
                merged.add(range);
            }
        }
        return merged;
    }

    private static void add(Map<ChangeStatsWriter.DayKey, Integer> deltas, StatsItem item, ZoneId zone, int delta) {
        if (delta != 0) {
            deltas.merge(new ChangeStatsWriter.DayKey(item.hostId(), item.occurredAt().atZone(zone).toLocalDate(),
                    item.eventClass()), delta, Integer::sum);
        }
    }
}
