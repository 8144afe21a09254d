package changeledger.host;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.security.HostDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Handles host commands: load the stream, decide, append, update the read model in one transaction. */
@ApplicationScoped
public class HostService implements HostDirectory {

    /** The current payload revision of HostRegistered (revision 1 had no zone). */
    static final int HOST_REGISTERED_REVISION = 2;

    private final EventStore store;
    private final EventCodec<HostEvent> codec;

    /** Wires the service. */
    public HostService(EventStore store, ObjectMapper mapper) {
        this.store = store;
        this.codec = new EventCodec<>(HostEvent.class, mapper,
                Map.of(HostEvent.HostRegistered.class, HOST_REGISTERED_REVISION));
    }

    /** Handles a command and returns the host afterwards. */
    @Transactional
    public Host handle(HostCommand command, EventMetadata metadata) {
        AggregateRef aggregate = new AggregateRef(HostEvent.AGGREGATE_TYPE, command.hostId());
        List<StoredEvent> history = store.readStream(aggregate);
        Host state = Host.NONE;
        for (StoredEvent event : history) {
            state = Host.evolve(state, codec.decode(event));
        }
        Instant now = Instant.now();
        List<HostEvent> events = Host.decide(command, state, now);
        if (events.isEmpty()) {
            return state;
        }
        List<NewEvent> encoded = new ArrayList<>();
        for (HostEvent event : events) {
            state = Host.evolve(state, event);
            encoded.add(codec.encode(eventId(command, history.size() + encoded.size()), event, now));
        }
        long expected = history.isEmpty() ? AppendRequest.NEW_STREAM : history.get(history.size() - 1).sequence();
        store.append(new AppendRequest(aggregate, expected, encoded), metadata);
        HostReadModel model = HostReadModel.findById(state.id());
        if (model == null) {
            model = new HostReadModel();
            model.apply(state, expected + events.size());
            model.persist();
        } else {
            model.apply(state, expected + events.size());
        }
        return state;
    }

    /** Registration has a name-based id, so two instances registering a configured host store it once. */
    private static UUID eventId(HostCommand command, int sequence) {
        if (command instanceof HostCommand.RegisterHost && sequence == 0) {
            return UUID.nameUUIDFromBytes(("host-registered/" + command.hostId()).getBytes(StandardCharsets.UTF_8));
        }
        return UUID.randomUUID();
    }

    /** The host, if registered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Host> find(String hostId) {
        return HostReadModel.<HostReadModel>findByIdOptional(hostId).map(HostReadModel::toHost);
    }

    /** Every registered host, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Host> list() {
        return HostReadModel.<HostReadModel>listAll().stream().map(HostReadModel::toHost)
                .sorted(Comparator.comparing(Host::id)).toList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(String hostId) {
        return HostReadModel.findById(hostId) != null;
    }
}
