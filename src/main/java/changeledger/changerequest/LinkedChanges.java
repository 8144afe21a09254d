package changeledger.changerequest;

import changeledger.domain.EventClass;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.journal.ManualEntryEvent;
import changeledger.projection.ChangeStatsReader;
import changeledger.projection.EventIndexRepository;
import changeledger.projection.IndexedEvent;
import changeledger.projection.ObservedTarget;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the observed changes a request covers: tasks of class change or disruptive (by their start), access-log
 * changes and manual change entries of its host in its widened window, found through the event index, and the
 * configuration drifts no task or call explains whose window overlaps it, found through the change statistics; each
 * read from the store and kept when {@link Coverage} assigns it to this request.
 */
@ApplicationScoped
public class LinkedChanges {

    private static final String MANUAL_ENTRY_RETRACTED = ManualEntryEvent.ManualEntryRetracted.class.getSimpleName();

    /** One event per observed change: a task's start, an API call, a manual entry. */
    private static final List<String> TYPES = List.of(ProxmoxTaskStarted.TYPE, ApiChangeObserved.TYPE,
            ObservedTarget.MANUAL_ENTRY_RECORDED);
    /** The classes of observed changes. */
    private static final List<String> CLASSES = EventClass.names(EventClass.CHANGES);

    private final EventIndexRepository index;
    private final ChangeStatsReader stats;
    private final EventStore store;

    /** Wires the finder. */
    public LinkedChanges(EventIndexRepository index, ChangeStatsReader stats, EventStore store) {
        this.index = index;
        this.stats = stats;
        this.store = store;
    }

    /**
     * The changes {@code request} covers, by occurrence; none unless it is approved, in progress or completed.
     *
     * @param others the other requests of the host that may cover changes in the same time (a change belongs to one)
     */
    public List<LinkedChange> of(ChangeRequest request, List<CoveringRequest> others, Duration grace) {
        if (!request.status().covers()) {
            return List.of();
        }
        List<CoveringRequest> candidates = new ArrayList<>(others.size() + 1);
        candidates.add(CoveringRequest.of(request));
        others.stream().filter(o -> !o.changeRequestId().equals(request.id())).forEach(candidates::add);
        Instant from = request.plannedStart().minus(grace);
        Instant to = request.plannedEnd().plus(grace);
        List<IndexedEvent> rows = new ArrayList<>(index.hostEvents(request.hostId(), TYPES, CLASSES, from, to));
        long[] drifts = stats.countedDrifts(request.hostId(), from, to);
        if (drifts.length > 0) {
            rows.addAll(index.at(drifts).values());
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, IndexedEvent> indexed = rows.stream()
                .collect(Collectors.toMap(IndexedEvent::position, Function.identity(), (a, b) -> a));
        List<StoredEvent> events = store.readPositions(indexed.keySet().stream().mapToLong(Long::longValue).sorted()
                .toArray());
        Set<AggregateRef> retracted = retractedEntries(events);
        List<LinkedChange> linked = new ArrayList<>();
        for (StoredEvent event : events) {
            if (retracted.contains(event.aggregate()) || !belongsTo(event, request, candidates, grace)) {
                continue;
            }
            IndexedEvent row = indexed.get(event.position());
            linked.add(new LinkedChange(event.id(), event.position(), event.occurredAt(), row.eventClass(),
                    event.type(), row.guest(), ObservedTarget.ofEvent(event), row.actor(), row.summary()));
        }
        linked.sort(Comparator.comparing(LinkedChange::occurredAt).thenComparingLong(LinkedChange::position));
        return linked;
    }

    /** A manual entry that names a request belongs to it; any other change to the request coverage assigns. */
    private static boolean belongsTo(StoredEvent event, ChangeRequest request, List<CoveringRequest> candidates,
                                     Duration grace) {
        String named = text(event.payload(), "changeRequestId");
        if (ObservedTarget.MANUAL_ENTRY_RECORDED.equals(event.type()) && named != null) {
            return named.equals(request.id());
        }
        String windowStart = ObservedTarget.CONFIG_DRIFT_OBSERVED.equals(event.type())
                ? text(event.payload(), "windowStart") : null;
        Instant from = windowStart == null ? event.occurredAt() : Instant.parse(windowStart);
        Optional<CoveringRequest> chosen = Coverage.coveringRequest(candidates, ObservedTarget.ofEvent(event),
                from, event.occurredAt(), grace);
        return chosen.isPresent() && chosen.get().changeRequestId().equals(request.id());
    }

    /** The manual entries among {@code events} that have been retracted since: they no longer count. */
    private Set<AggregateRef> retractedEntries(List<StoredEvent> events) {
        List<AggregateRef> entries = events.stream()
                .filter(e -> ManualEntryEvent.AGGREGATE_TYPE.equals(e.aggregate().type()))
                .map(StoredEvent::aggregate).distinct().toList();
        if (entries.isEmpty()) {
            return Set.of();
        }
        return store.readStreams(entries).entrySet().stream()
                .filter(s -> s.getValue().stream().anyMatch(e -> MANUAL_ENTRY_RETRACTED.equals(e.type())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
