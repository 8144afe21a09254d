package changeledger.alert;

import changeledger.alert.AlertEvent.AlertRaised;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Raises alerts in the caller's transaction: {@code AlertRaised} with an id name-based on the rule and the occurrence,
 * and its outbox rows. An occurrence already raised (by an earlier batch, another instance, a run before a restart)
 * adds nothing.
 */
@ApplicationScoped
public class AlertRaiser {

    private final EventStore store;
    private final AlertOutbox outbox;
    private final AgroalDataSource dataSource;
    private final AlertConfig config;
    private final EventCodec<AlertEvent> codec;

    /** Wires the raiser. */
    public AlertRaiser(EventStore store, AlertOutbox outbox, AgroalDataSource dataSource, AlertConfig config,
                       ObjectMapper mapper) {
        this.store = store;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.config = config;
        this.codec = new EventCodec<>(AlertEvent.class, mapper, Map.of());
    }

    /** The alert id of an occurrence of a rule. */
    public static UUID alertId(String rule, String key) {
        return UUID.nameUUIDFromBytes(("alert/" + rule + "/" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Raises each occurrence not raised before; returns those raised now. Needs a transaction. */
    public List<AlertRaised> raise(List<Occurrence> occurrences) {
        try (Connection connection = dataSource.getConnection()) {
            List<AlertRaised> raised = new java.util.ArrayList<>();
            for (Occurrence occurrence : occurrences) {
                UUID id = alertId(occurrence.rule().name(), occurrence.key());
                if (outbox.exists(connection, id)) {
                    continue;
                }
                AlertRaised alert = new AlertRaised(id.toString(), occurrence.rule().name(),
                        occurrence.rule().kind().wireName(), occurrence.hostId(), occurrence.occurredAt(),
                        occurrence.title(), occurrence.message(), link(occurrence.hostId()),
                        occurrence.events().stream().map(UUID::toString).toList(), occurrence.rule().targets());
                store.append(new AppendRequest(new AggregateRef(AlertEvent.AGGREGATE_TYPE, id.toString()),
                        AppendRequest.NEW_STREAM, List.of(codec.encode(id, alert, occurrence.occurredAt()))),
                        EventMetadata.system("alerts"));
                outbox.record(connection, alert);
                raised.add(alert);
            }
            return raised;
        } catch (SQLException e) {
            throw new IllegalStateException("Recording alerts failed", e);
        }
    }

    /** The dashboard page of the host (or the home page), when the service's public address is configured. */
    private String link(String hostId) {
        return config.publicUrl().map(base -> base.replaceAll("/+$", "") + (hostId == null ? "/"
                : "/hosts/" + URLEncoder.encode(hostId, StandardCharsets.UTF_8))).orElse(null);
    }
}
