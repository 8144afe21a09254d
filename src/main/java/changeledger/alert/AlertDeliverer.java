package changeledger.alert;

import changeledger.alert.AlertEvent.AlertDelivered;
import changeledger.alert.AlertEvent.AlertDeliveryFailed;
import changeledger.alert.AlertEvent.AlertRaised;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Delivers what the outbox holds due, at least once: claims a delivery for one try (a lease, so a crash in between
 * means a later try, never a lost one), sends it with a timeout, and records the outcome as an event with its attempt
 * plus the outbox row in one transaction. A failure waits {@code initial-backoff}, doubled per further failure up to
 * {@code max-backoff}. Runs on its own schedule: ingestion never waits for a receiver.
 */
@ApplicationScoped
public class AlertDeliverer {

    private static final Logger LOG = Logger.getLogger(AlertDeliverer.class);
    private static final int BATCH = 50;
    private static final int ATTEMPTS = 3;
    private static final int MAX_ERROR = 500;

    private final AlertOutbox outbox;
    private final AlertSettings settings;
    private final AlertConfig config;
    private final EventStore store;
    private final AgroalDataSource dataSource;
    private final EventCodec<AlertEvent> codec;
    private final AlertMessages messages;
    private final HttpClient client;

    /** Wires the deliverer. */
    public AlertDeliverer(AlertOutbox outbox, AlertSettings settings, AlertConfig config, EventStore store,
                          AgroalDataSource dataSource, ObjectMapper mapper) {
        this.outbox = outbox;
        this.settings = settings;
        this.config = config;
        this.store = store;
        this.dataSource = dataSource;
        this.codec = new EventCodec<>(AlertEvent.class, mapper, Map.of());
        this.messages = new AlertMessages(mapper, config.timeout());
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(identity = "alert-delivery", every = "${changeledger.alerts.delivery-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Delivering alerts failed: %s", e.getMessage());
        }
    }

    /** Delivers what is due now; returns how many tries it made. */
    public int deliverDue() {
        List<AlertOutbox.Due> due = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return outbox.claimDue(connection, BATCH, config.timeout().multipliedBy(3));
            }
        });
        for (AlertOutbox.Due delivery : due) {
            int attempt = delivery.attempts() + 1;
            String error = send(delivery.target(), delivery.alert());
            record(delivery.alertId(), delivery.target(), attempt, error);
        }
        return due.size();
    }

    /** Sends one message to a target now: null when it took it, else what went wrong (no secret in it). */
    public String send(String targetName, AlertRaised alert) {
        AlertTarget target = settings.target(targetName).orElse(null);
        if (target == null) {
            return "target '" + targetName + "' is no longer configured";
        }
        try {
            HttpResponse<Void> response = client.send(messages.request(target, alert),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return redact(target, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
        }
    }

    private void record(UUID alertId, String target, int attempt, String error) {
        Instant next = error == null ? null : Instant.now().plus(backoff(attempt));
        AlertEvent event = error == null ? new AlertDelivered(alertId.toString(), target, attempt)
                : new AlertDeliveryFailed(alertId.toString(), target, attempt, error, next);
        UUID eventId = UUID.nameUUIDFromBytes(("alert/" + alertId + "/" + target + "/" + attempt + "/"
                + (error == null ? "delivered" : "failed")).getBytes(StandardCharsets.UTF_8));
        AggregateRef aggregate = new AggregateRef(AlertEvent.AGGREGATE_TYPE, alertId.toString());
        try {
            ConflictRetry.inNewTransaction(ATTEMPTS, () -> {
                store.append(new AppendRequest(aggregate, store.lastSequence(aggregate),
                        List.of(codec.encode(eventId, event, Instant.now()))), EventMetadata.system("alerts"));
                try (Connection connection = dataSource.getConnection()) {
                    if (error == null) {
                        outbox.delivered(connection, alertId, target, attempt);
                    } else {
                        outbox.failed(connection, alertId, target, attempt, error, next);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("Recording the delivery of alert " + alertId + " failed", e);
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is tried again: at least once
            LOG.warnf("Recording attempt %d of alert %s to %s failed: %s", attempt, alertId, target, e.getMessage());
        }
        if (error != null) {
            LOG.infof("Alert %s to target %s failed on attempt %d (%s); next try at %s", alertId, target, attempt,
                    error, next);
        }
    }

    /** The wait after failed attempt {@code attempt}: the initial backoff doubled per earlier failure, capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static String redact(AlertTarget target, String error) {
        String text = error.replace(target.url().toString(), "<" + target.name() + ">");
        for (String secret : new String[] {target.token(), target.hmacSecret()}) {
            if (secret != null && !secret.isEmpty()) {
                text = text.replace(secret, "<redacted>");
            }
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
