package changeledger.journal;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.journal.ManualEntryCommand.RecordEntry;
import changeledger.journal.ManualEntryEvent.ManualEntryRecorded;
import changeledger.journal.ManualEntryEvent.ManualEntryRetracted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles manual entry commands: load the entry's stream, decide, append in one transaction. A new {@code retire}
 * entry is refused unless its guest has an open window at its time.
 */
@ApplicationScoped
public class JournalService {

    private final EventStore store;
    private final EventCodec<ManualEntryEvent> codec;
    private final RetireCheck retireCheck;

    /** Wires the service. */
    public JournalService(EventStore store, ObjectMapper mapper, RetireCheck retireCheck) {
        this.store = store;
        this.retireCheck = retireCheck;
        this.codec = new EventCodec<>(ManualEntryEvent.class, mapper, Map.of());
    }

    /** A new entry id: short, random, URL-safe. */
    public static String newEntryId() {
        return "e-" + UUID.randomUUID();
    }

    /** Handles a command and returns the entry afterwards. */
    @Transactional
    public ManualEntryView handle(ManualEntryCommand command, EventMetadata metadata) {
        AggregateRef aggregate = aggregate(command.hostId(), command.entryId());
        List<StoredEvent> history = new ArrayList<>(store.readStream(aggregate));
        ManualEntry state = fold(history);
        if (command instanceof RecordEntry record && record.kind() == EntryKind.RETIRE && !state.exists()) {
            retireCheck.requireOpenWindow(record.hostId(), record.target(), record.occurredAt());
        }
        Instant now = Instant.now();
        List<NewEvent> encoded = new ArrayList<>();
        for (ManualEntryEvent event : ManualEntry.decide(command, state, now)) {
            Instant occurredAt = event instanceof ManualEntryRecorded recorded ? recorded.occurredAt() : now;
            encoded.add(codec.encode(UUID.randomUUID(), event, occurredAt));
        }
        long expected = history.isEmpty() ? AppendRequest.NEW_STREAM : history.get(history.size() - 1).sequence();
        store.append(new AppendRequest(aggregate, expected, encoded), metadata);
        return find(command.hostId(), command.entryId()).orElseThrow();
    }

    /** The entry, if the host has it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ManualEntryView> find(String hostId, String entryId) {
        return view(store.readStream(aggregate(hostId, entryId)));
    }

    /** The host's entries of these ids, each folded from its stream, in the order given (unknown ids left out). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ManualEntryView> findAll(String hostId, List<String> entryIds) {
        List<AggregateRef> aggregates = entryIds.stream().map(id -> aggregate(hostId, id)).toList();
        Map<AggregateRef, List<StoredEvent>> streams = store.readStreams(aggregates);
        List<ManualEntryView> views = new ArrayList<>(aggregates.size());
        for (AggregateRef aggregate : aggregates) {
            view(streams.getOrDefault(aggregate, List.of())).ifPresent(views::add);
        }
        return views;
    }

    private Optional<ManualEntryView> view(List<StoredEvent> history) {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        ManualEntry state = fold(history);
        ManualEntryRecorded recorded = state.recorded();
        StoredEvent first = history.get(0);
        ManualEntryView.Retraction retraction = null;
        ManualEntryRetracted retracted = state.retracted();
        if (retracted != null) {
            retraction = new ManualEntryView.Retraction(retracted.reason(), retracted.retractedAt(),
                    actorName(history.get(history.size() - 1)));
        }
        return Optional.of(new ManualEntryView(recorded.entryId(), recorded.hostId(), recorded.kind(),
                recorded.summary(), recorded.details(), recorded.occurredAt(), recorded.target(),
                recorded.disruption(), recorded.changeRequestId(), first.recordedAt(), actorName(first),
                retracted != null, retraction));
    }

    private ManualEntry fold(List<StoredEvent> history) {
        ManualEntry state = ManualEntry.NONE;
        for (StoredEvent event : history) {
            state = ManualEntry.evolve(state, codec.decode(event));
        }
        return state;
    }

    private static String actorName(StoredEvent event) {
        JsonNode name = event.metadata().get("actorName");
        return name == null || name.isNull() ? null : name.asText();
    }

    private static AggregateRef aggregate(String hostId, String entryId) {
        return new AggregateRef(ManualEntryEvent.AGGREGATE_TYPE, hostId + "/" + entryId);
    }
}
