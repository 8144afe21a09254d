package changeledger.alert;

import changeledger.changerequest.CoveringRequest;
import changeledger.eventstore.StoredEvent;
import changeledger.host.Host;
import changeledger.host.HostService;
import changeledger.ingestion.ProxmoxTaskEvent;
import changeledger.journal.ManualEntryEvent;
import changeledger.projection.disruption.Disruption;
import changeledger.query.DisruptionWindows;
import changeledger.report.StabilityReportService;
import changeledger.report.UnplannedChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules that need what the read models made of the events (the alert processor runs behind them): an unplanned
 * change, by the unplanned list's own rule; a disruption window that no request covers, by the report's rule.
 */
@ApplicationScoped
public class ReadModelRules {

    /** How far back a window caused by an event of the batch may begin (an unclean boot's window starts earlier). */
    private static final Duration WINDOW_LOOKBACK = Duration.ofDays(7);

    private final StabilityReportService reports;
    private final DisruptionWindows disruptions;
    private final HostService hosts;

    /** Wires the rules. */
    public ReadModelRules(StabilityReportService reports, DisruptionWindows disruptions, HostService hosts) {
        this.reports = reports;
        this.disruptions = disruptions;
        this.hosts = hosts;
    }

    /** The unplanned changes among a host's events (changes of class change, disruptive or manual). */
    List<Occurrence> unplanned(AlertRule rule, String hostId, List<StoredEvent> changes) {
        Optional<Host> host = hosts.find(hostId);
        if (changes.isEmpty() || host.isEmpty() || !host.get().policy().requireChangeRequests()) {
            return List.of();
        }
        Instant from = changes.stream().map(StoredEvent::occurredAt).min(Instant::compareTo).orElseThrow();
        Instant to = changes.stream().map(StoredEvent::occurredAt).max(Instant::compareTo).orElseThrow();
        Map<String, UnplannedChange> unplanned = reports.unplanned(host.get(), from, to.plusSeconds(1)).stream()
                .collect(Collectors.toMap(UnplannedChange::eventId, Function.identity(), (a, b) -> a));
        List<Occurrence> occurrences = new ArrayList<>();
        for (StoredEvent event : changes) {
            UnplannedChange change = unplanned.get(event.id().toString());
            if (change != null) {
                occurrences.add(new Occurrence(rule, event.id().toString(), hostId, change.occurredAt(),
                        (change.security() != null ? "Unplanned security change on " : "Unplanned change on ")
                                + hostId,
                        change.summary() + (change.actor() == null ? "" : " by " + change.actor()) + ". "
                                + change.reason(), List.of(event.id())));
            }
        }
        return occurrences;
    }

    /** The windows that events of a host caused, when no request covers them (failed tasks open none). */
    List<Occurrence> disruptions(AlertRule rule, String hostId, List<StoredEvent> events) {
        // a window names its cause: a task's UPID, the id of the event that caused it (a journal observation, a
        // Proxmox notification), or a manual entry
        Map<String, UUID> tasks = new HashMap<>();
        Map<String, UUID> entries = new HashMap<>();
        Map<String, UUID> byId = new HashMap<>();
        for (StoredEvent event : events) {
            byId.put(event.id().toString(), event.id());
            if (ProxmoxTaskEvent.AGGREGATE_TYPE.equals(event.aggregate().type())) {
                tasks.putIfAbsent(event.payload().path("upid").asText(), event.id());
            } else if (ManualEntryEvent.ManualEntryRecorded.class.getSimpleName().equals(event.type())) {
                entries.putIfAbsent(event.payload().path("entryId").asText(), event.id());
            }
        }
        Function<Disruption, UUID> causeOf = w -> w.causeEventId() != null ? byId.get(w.causeEventId())
                : w.taskUpid() != null ? tasks.get(w.taskUpid())
                : w.entryId() != null ? entries.get(w.entryId()) : null;
        Instant from = events.stream().map(StoredEvent::occurredAt).min(Instant::compareTo).orElseThrow();
        Instant to = events.stream().map(StoredEvent::occurredAt).max(Instant::compareTo).orElseThrow();
        List<Disruption> windows = disruptions.between(hostId, from.minus(WINDOW_LOOKBACK), to.plusSeconds(1))
                .stream().filter(w -> !w.failed() && causeOf.apply(w) != null).toList();
        Map<String, CoveringRequest> planned = disruptions.plannedBy(hostId, windows);
        List<Occurrence> occurrences = new ArrayList<>();
        for (Disruption window : windows) {
            if (planned.containsKey(window.key())) {
                continue;
            }
            String what = window.guest() != null ? "guest " + window.guest() : window.target();
            occurrences.add(new Occurrence(rule, hostId + "/" + window.key(), hostId, window.start(),
                    "Disruption on " + hostId + " outside a change request",
                    "A disruption of " + what + " on host " + hostId + " began at " + window.start() + " (cause "
                            + window.cause() + (window.open() ? ", still open" : ", ended " + window.end())
                            + "); no approved, started or completed change request covers it.",
                    List.of(causeOf.apply(window))));
        }
        return occurrences;
    }
}
