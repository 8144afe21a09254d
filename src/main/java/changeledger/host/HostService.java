package changeledger.host;

import changeledger.database.RowByKey;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.security.HostDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
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

    /**
     * One host's row, read with a plain statement: nearly every request looks its host up (ADR 0023 did the same for
     * API keys), and through an entity load it cost about a tenth of the service's CPU for a page of events.
     */
    static final String HOST = """
            select host_id, name, role, zone, node, cluster, require_change_requests, monthly_change_budget,
                   monthly_disruption_minutes, registered_at
              from host where host_id = ?
            """;

    private final EventStore store;
    private final EventCodec<HostEvent> codec;
    private final AgroalDataSource dataSource;

    /** Wires the service. */
    public HostService(EventStore store, ObjectMapper mapper, AgroalDataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
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
            state = Host.evolve(state, withSince(codec.decode(event), event.occurredAt()));
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

    /** A membership change stored before {@code since} existed took effect when it occurred. */
    static HostEvent withSince(HostEvent event, Instant occurredAt) {
        if (event instanceof HostEvent.HostJoinedCluster j && j.since() == null) {
            return new HostEvent.HostJoinedCluster(j.hostId(), j.cluster(), occurredAt);
        }
        if (event instanceof HostEvent.HostLeftCluster l && l.since() == null) {
            return new HostEvent.HostLeftCluster(l.hostId(), l.cluster(), occurredAt);
        }
        return event;
    }

    /** Registration has a name-based id, so two instances registering a configured host store it once. */
    private static UUID eventId(HostCommand command, int sequence) {
        if (command instanceof HostCommand.RegisterHost && sequence == 0) {
            return UUID.nameUUIDFromBytes(("host-registered/" + command.hostId()).getBytes(StandardCharsets.UTF_8));
        }
        return UUID.randomUUID();
    }

    /**
     * The host, if registered, as committed (or as written by the caller's transaction, which the connection joins);
     * a row the caller's entity session has not flushed yet is not seen.
     */
    public Optional<Host> find(String hostId) {
        return RowByKey.find(dataSource, HOST, hostId, "host " + hostId, row -> {
            OffsetDateTime registered = row.getObject(10, OffsetDateTime.class);
            return HostReadModel.host(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5), row.getString(6), row.getBoolean(7), (Integer) row.getObject(8),
                    (Integer) row.getObject(9), registered == null ? null : registered.toInstant());
        });
    }

    /** Every registered host, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Host> list() {
        return HostReadModel.<HostReadModel>listAll().stream().map(HostReadModel::toHost)
                .sorted(Comparator.comparing(Host::id)).toList();
    }

    @Override
    public boolean exists(String hostId) {
        return find(hostId).isPresent();
    }
}
