package changeledger.changerequest;

import changeledger.projection.ObservedTarget;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles change request commands (load the stream, decide, append with the expected sequence, in one
 * transaction), reads requests by folding their streams, and answers coverage questions for other features.
 */
@ApplicationScoped
public class ChangeRequestService {

    private final EventStore store;
    private final EventCodec<ChangeRequestEvent> codec;
    private final ChangeRequestConfig config;
    private final ChangeRequestRepository repository;
    private final LinkedChanges linkedChanges;

    /** Wires the service; a negative grace stops the start. */
    public ChangeRequestService(EventStore store, ObjectMapper mapper, ChangeRequestConfig config,
                                ChangeRequestRepository repository, LinkedChanges linkedChanges) {
        if (config.grace().isNegative()) {
            throw new IllegalArgumentException("changeledger.change-requests.grace must not be negative, is "
                    + config.grace());
        }
        this.store = store;
        this.codec = new EventCodec<>(ChangeRequestEvent.class, mapper, Map.of());
        this.config = config;
        this.repository = repository;
        this.linkedChanges = linkedChanges;
    }

    /** Handles a command and returns the request afterwards. */
    @Transactional
    public ChangeRequest handle(ChangeRequestCommand command, Actor actor, EventMetadata metadata) {
        AggregateRef aggregate = aggregate(command.changeRequestId());
        List<StoredEvent> history = store.readStream(aggregate);
        ChangeRequest state = fold(history);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<ChangeRequestEvent> events = ChangeRequest.decide(command, state, actor, now, config.allowSelfApproval());
        if (events.isEmpty()) {
            return state;
        }
        List<NewEvent> encoded = new ArrayList<>(events.size());
        for (ChangeRequestEvent event : events) {
            state = ChangeRequest.evolve(state, event);
            encoded.add(codec.encode(UUID.randomUUID(), event, event.at()));
        }
        long expected = history.isEmpty() ? AppendRequest.NEW_STREAM : history.get(history.size() - 1).sequence();
        store.append(new AppendRequest(aggregate, expected, encoded), metadata);
        return state;
    }

    /** The request as its stream says now, if it exists (ids that are no UUID exist never). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ChangeRequest> find(String id) {
        if (!isRequestId(id)) {
            return Optional.empty();
        }
        ChangeRequest request = fold(store.readStream(aggregate(id)));
        return request.exists() ? Optional.of(request) : Optional.empty();
    }

    /**
     * The requests that match, by planned start: found in the change request index (which follows the store
     * asynchronously), each folded from its stream and checked against the filter again.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChangeRequest> list(ChangeRequestFilter filter) {
        List<AggregateRef> refs = repository.ids(filter).stream().map(ChangeRequestService::aggregate).toList();
        if (refs.isEmpty()) {
            return List.of();
        }
        Map<AggregateRef, List<StoredEvent>> streams = store.readStreams(refs);
        List<ChangeRequest> requests = new ArrayList<>(refs.size());
        for (AggregateRef ref : refs) {
            ChangeRequest request = fold(streams.getOrDefault(ref, List.of()));
            if (request.exists() && filter.matches(request)) {
                requests.add(request);
            }
        }
        return requests;
    }

    /** The request with the observed changes it covers. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChangeRequestView view(ChangeRequest request) {
        if (!request.status().covers()) {
            return ChangeRequestView.of(request, List.of());
        }
        List<CoveringRequest> others = repository.covering(request.hostId(), request.plannedStart(),
                request.plannedEnd(), config.grace());
        return ChangeRequestView.of(request, linkedChanges.of(request, others, config.grace()));
    }

    /**
     * The request that makes a change of {@code target} on {@code hostId} at {@code at} planned, if any
     * ({@link Coverage}; targets of observed events come from {@link ObservedTarget#ofEvent}). Reads the change request
     * index, which follows the store asynchronously.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<CoveringRequest> coveringRequest(String hostId, String target, Instant at) {
        return Coverage.coveringRequest(repository.covering(hostId, at, at, config.grace()), target, at,
                config.grace());
    }

    /**
     * Every request of a host that may cover a change in {@code [from, to)}, for callers that judge many changes
     * at once with {@link Coverage#coveringRequest(java.util.Collection, String, Instant, Duration)} and {@link #grace()}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CoveringRequest> coveringCandidates(String hostId, Instant from, Instant to) {
        return repository.covering(hostId, from, to, config.grace());
    }

    /** The grace around planned windows (changeledger.change-requests.grace). */
    public Duration grace() {
        return config.grace();
    }

    /** Folds a stream of change request events into the request's state. */
    public ChangeRequest fold(List<StoredEvent> events) {
        ChangeRequest state = ChangeRequest.NONE;
        for (StoredEvent event : events) {
            state = ChangeRequest.evolve(state, codec.decode(event));
        }
        return state;
    }

    /** Whether an id has the form of request ids (a UUID). */
    public static boolean isRequestId(String id) {
        try {
            return id != null && UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static AggregateRef aggregate(String id) {
        return new AggregateRef(ChangeRequestEvent.AGGREGATE_TYPE, id);
    }
}
