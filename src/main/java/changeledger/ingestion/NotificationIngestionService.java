package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.domain.BodyTooLargeException;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Ingests one notification a Proxmox webhook target sent for a host ({@link NotificationParser}): a new one is a
 * {@link ProxmoxNotificationReceived} in its own stream, an identical resend a duplicate, Proxmox's test notification
 * ignored.
 */
@ApplicationScoped
public class NotificationIngestionService {

    private final EventStore store;
    private final LimitsConfig limits;

    /** Wires the service. */
    public NotificationIngestionService(EventStore store, LimitsConfig limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * Ingests the body of the webhook template for a host whose Proxmox node is {@code hostNode} (null: not declared).
     *
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.notification-bytes}
     * @throws BodyNotUtf8Exception         (400) not UTF-8
     * @throws MalformedJsonBodyException   (400) not JSON
     * @throws WrongJsonShapeException      (400) not the template's JSON
     * @throws UnprocessableUploadException (422) text that cannot be stored
     */
    public IngestionResult ingest(String hostId, String hostNode, byte[] body, EventMetadata metadata) {
        LineOutcome<ProxmoxNotificationReceived> outcome = NotificationParser.parse(hostId, hostNode,
                IngestionBody.json(body, limits.notificationBytes()));
        EventMetadata withSource = IngestionSources.orDefault(metadata, "pve-notification");
        return ConflictRetry.inNewTransaction(TaskIngestionService.ATTEMPTS, () -> {
            IngestionTally tally = new IngestionTally();
            IngestionSources.append(store, plan(outcome), withSource, tally);
            return IngestionSources.finish(tally);
        });
    }

    private static IngestionPlan plan(LineOutcome<ProxmoxNotificationReceived> outcome) {
        if (!(outcome instanceof LineOutcome.Accepted<ProxmoxNotificationReceived> accepted)) {
            return new IngestionPlan(List.of(), List.of(PlannedLine.of(outcome)));
        }
        ProxmoxNotificationReceived notification = accepted.fact();
        UUID id = EventIds.notification(notification);
        NewEvent event = IngestionEventCodec.toNewEvent(notification, id);
        AppendRequest append = new AppendRequest(new AggregateRef(ProxmoxNotificationReceived.AGGREGATE_TYPE,
                notification.hostId() + "/" + id), AppendRequest.NEW_STREAM, List.of(event));
        return new IngestionPlan(List.of(append), List.of(PlannedLine.adds(outcome, List.of(id))));
    }
}
