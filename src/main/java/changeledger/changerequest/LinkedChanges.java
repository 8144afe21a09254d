package changeledger.changerequest;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.projection.EventIndexRepository;
import changeledger.projection.IndexedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the observed changes a request covers: tasks of class change or disruptive (by their start), access-log
 * changes and manual change entries of its host in its widened window, found through the event index and read
 * from the store, each kept when {@link Coverage} assigns it to this request.
 */
@ApplicationScoped
public class LinkedChanges {

    /** The aggregate type of manual entries and the event that withdraws one (package {@code journal}). */
    static final String MANUAL_ENTRY = "ManualEntry";
    static final String MANUAL_ENTRY_RETRACTED = "ManualEntryRetracted";

    /** One event per observed change: a task's start, an API call, a manual entry. */
    private static final List<String> TYPES = List.of(ProxmoxTaskStarted.TYPE, ApiChangeObserved.TYPE,
            ChangeTarget.MANUAL_ENTRY_RECORDED);
    /** The classes of observed changes; starts, routine work and console access are never changes. */
    private static final List<String> CLASSES = List.of("change", "disruptive", "manual");

    private final EventIndexRepository index;
    private final EventStore store;

    /** Wires the finder. */
    public LinkedChanges(EventIndexRepository index, EventStore store) {
        this.index = index;
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
        CoveringRequest self = CoveringRequest.of(request);
        List<CoveringRequest> candidates = new ArrayList<>(others.size() + 1);
        candidates.add(self);
        others.stream().filter(o -> !o.changeRequestId().equals(request.id())).forEach(candidates::add);
        List<IndexedEvent> rows = index.hostEvents(request.hostId(), TYPES, CLASSES,
                request.plannedStart().minus(grace), request.plannedEnd().plus(grace));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, String> classes = rows.stream()
                .collect(Collectors.toMap(IndexedEvent::position, IndexedEvent::eventClass, (a, b) -> a));
        List<StoredEvent> events = store.readPositions(rows.stream().mapToLong(IndexedEvent::position).toArray());
        Set<AggregateRef> retracted = retractedEntries(events);
        List<LinkedChange> linked = new ArrayList<>();
        for (StoredEvent event : events) {
            if (retracted.contains(event.aggregate()) || !belongsTo(event, request, candidates, grace)) {
                continue;
            }
            String target = ChangeTarget.ofEvent(event);
            linked.add(new LinkedChange(event.id(), event.position(), event.occurredAt(),
                    classes.get(event.position()), event.type(), ChangeTarget.isGuest(target) ? target : null, target,
                    summary(event)));
        }
        linked.sort((a, b) -> a.occurredAt().equals(b.occurredAt()) ? Long.compare(a.position(), b.position())
                : a.occurredAt().compareTo(b.occurredAt()));
        return linked;
    }

    /** A manual entry that names a request belongs to it; any other change to the request coverage assigns. */
    private static boolean belongsTo(StoredEvent event, ChangeRequest request, List<CoveringRequest> candidates,
                                     Duration grace) {
        String named = text(event.payload(), "changeRequestId");
        if (ChangeTarget.MANUAL_ENTRY_RECORDED.equals(event.type()) && named != null) {
            return named.equals(request.id());
        }
        Optional<CoveringRequest> chosen = Coverage.coveringRequest(candidates, ChangeTarget.ofEvent(event),
                event.occurredAt(), grace);
        return chosen.isPresent() && chosen.get().changeRequestId().equals(request.id());
    }

    /** The manual entries among {@code events} that have been retracted since: they no longer count. */
    private Set<AggregateRef> retractedEntries(List<StoredEvent> events) {
        List<AggregateRef> entries = events.stream().filter(e -> MANUAL_ENTRY.equals(e.aggregate().type()))
                .map(StoredEvent::aggregate).distinct().toList();
        if (entries.isEmpty()) {
            return Set.of();
        }
        Map<AggregateRef, List<StoredEvent>> streams = new HashMap<>(store.readStreams(entries));
        return streams.entrySet().stream()
                .filter(s -> s.getValue().stream().anyMatch(e -> MANUAL_ENTRY_RETRACTED.equals(e.type())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** One line for a person. */
    static String summary(StoredEvent event) {
        JsonNode p = event.payload();
        if (ProxmoxTaskStarted.TYPE.equals(event.type())) {
            String id = text(p, "guestId");
            return text(p, "type") + (id == null || id.isEmpty() ? "" : " " + id) + " by " + text(p, "user");
        }
        if (ApiChangeObserved.TYPE.equals(event.type())) {
            String user = text(p, "user");
            return text(p, "method") + " " + text(p, "path") + (user == null ? "" : " by " + user);
        }
        return text(p, "summary");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
