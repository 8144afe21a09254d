package changeledger.alert;

import changeledger.eventstore.StoredEvent;
import changeledger.evidence.EvidenceEvent;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.projection.EventFacts;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The rules one event decides alone: a failed task, a security change, an evidence gap opened (or a loss the collector
 * reported), and whether a task is one a burst rule counts. The facts are the read models' ({@link EventFacts}).
 */
final class EventRules {

    private static final String GAP_OPENED = EvidenceEvent.EvidenceGapOpened.class.getSimpleName();
    private static final String LOSS_REPORTED = EvidenceEvent.EvidenceLossReported.class.getSimpleName();

    private EventRules() {
    }

    /** The occurrence of {@code rule} the event is, if it is one. */
    static Optional<Occurrence> decide(AlertRule rule, StoredEvent event, EventFacts facts) {
        String host = facts.hostId();
        String key = event.id().toString();
        List<UUID> events = List.of(event.id());
        return switch (rule.kind()) {
            case FAILED_TASK -> Boolean.TRUE.equals(facts.failed())
                    ? Optional.of(new Occurrence(rule, key, host, event.occurredAt(), "Task failed on " + host,
                    "A Proxmox task failed on host " + host + ": " + facts.summary()
                            + (facts.actor() == null ? "" : " (by " + facts.actor() + ")") + ".", events))
                    : Optional.empty();
            case SECURITY_CHANGE -> facts.security()
                    ? Optional.of(new Occurrence(rule, key, host, event.occurredAt(), "Security change on " + host,
                    "A security change on host " + host + ": " + facts.summary()
                            + (facts.actor() == null ? "" : " (by " + facts.actor() + ")") + ".", events))
                    : Optional.empty();
            case EVIDENCE_GAP -> GAP_OPENED.equals(event.type()) || LOSS_REPORTED.equals(event.type())
                    ? Optional.of(new Occurrence(rule, key, host, event.occurredAt(), "Evidence gap on " + host,
                    GAP_OPENED.equals(event.type())
                            ? "Every source of host " + host + " that reports tasks has been silent since "
                            + event.payload().path("from").asText() + " (source " + event.payload().path("source")
                            .asText() + "): changes made meanwhile are not in the record yet."
                            : "The collector of host " + host + " reported that lines of "
                            + event.payload().path("source").asText() + " may be lost between "
                            + event.payload().path("from").asText() + " and " + event.payload().path("to").asText()
                            + ".", events))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Whether a burst rule counts the event: the start of a task of one of its types. */
    static boolean burstTask(AlertRule rule, StoredEvent event) {
        return ProxmoxTaskStarted.TYPE.equals(event.type())
                && rule.burstTasks().contains(event.payload().path("type").asText());
    }
}
