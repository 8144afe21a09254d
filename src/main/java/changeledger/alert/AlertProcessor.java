package changeledger.alert;

import changeledger.changerequest.ChangeRequestProjection;
import changeledger.cluster.ClusterProjection;
import changeledger.cluster.ClusterService;
import changeledger.cluster.MembershipSpan;
import changeledger.eventstore.StoredEvent;
import changeledger.host.Host;
import changeledger.host.HostEvent;
import changeledger.ingestion.TaskClassifier;
import changeledger.processing.ProcessingBatch;
import changeledger.processing.TrackingHandler;
import changeledger.projection.ChangeStatsProjection;
import changeledger.projection.EventFacts;
import changeledger.projection.EventIndexProjection;
import changeledger.projection.GuestProjection;
import changeledger.projection.disruption.DisruptionProjection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outbox processor (ADR 0052): reads events in the store's order, behind the read models it asks (change stats,
 * event index, change requests, disruption windows, guests), decides which rules fire, and raises each occurrence once
 * in the batch transaction, its token with it. Never replayed: what it raised stays raised. Events recorded before it
 * first ran raise nothing (history before alerts existed), nor do alerts' own events.
 */
@ApplicationScoped
public class AlertProcessor implements TrackingHandler {

    /** The processor's name. */
    public static final String NAME = "alerts";

    private static final String JOINED = HostEvent.HostJoinedCluster.class.getSimpleName();

    private static final Set<String> CHANGE_CLASSES = Set.of("change", "disruptive", EventFacts.MANUAL_CLASS);

    private final AlertSettings settings;
    private final AlertOutbox outbox;
    private final AlertRaiser raiser;
    private final ReadModelRules readModels;
    private final TaskClassifier classifier;
    private final ClusterService clusters;

    /** Wires the processor. */
    public AlertProcessor(AlertSettings settings, AlertOutbox outbox, AlertRaiser raiser, ReadModelRules readModels,
                          TaskClassifier classifier, ClusterService clusters) {
        this.clusters = clusters;
        this.settings = settings;
        this.outbox = outbox;
        this.raiser = raiser;
        this.readModels = readModels;
        this.classifier = classifier;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of(ChangeStatsProjection.NAME, EventIndexProjection.NAME, ChangeRequestProjection.NAME,
                DisruptionProjection.NAME, GuestProjection.NAME, ClusterProjection.NAME);
    }

    @Override
    public int maxBatchSize() {
        return PER_EVENT_BATCH_SIZE;
    }

    @Override
    public boolean replayable() {
        return false;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Connection connection = batch.connection();
        Instant since = outbox.processorStart(connection);
        if (settings.rules().isEmpty()) {
            return;
        }
        Map<String, List<StoredEvent>> changesByHost = new LinkedHashMap<>();
        Map<String, List<StoredEvent>> eventsByHost = new LinkedHashMap<>();
        List<Occurrence> occurrences = new ArrayList<>();
        for (StoredEvent event : batch.events()) {
            if (event.recordedAt().isBefore(since) || AlertEvent.AGGREGATE_TYPE.equals(event.aggregate().type())) {
                continue;
            }
            EventFacts facts = EventFacts.of(event, classifier);
            String host = facts.hostId();
            if (host == null) {
                continue;
            }
            eventsByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(event);
            if (facts.eventClass() != null && CHANGE_CLASSES.contains(facts.eventClass())) {
                changesByHost.computeIfAbsent(host, h -> new ArrayList<>()).add(event);
            }
            for (AlertRule rule : settings.rules()) {
                if (rule.watches(host)) {
                    EventRules.decide(rule, event, facts).ifPresent(occurrences::add);
                    if (rule.kind() == AlertKind.MIXED_ZONES) {
                        mixedZones(rule, event, host).ifPresent(occurrences::add);
                    }
                    if (rule.kind() == AlertKind.BURST && EventRules.burstTask(rule, event)) {
                        burst(connection, rule, host, event);
                    }
                }
            }
        }
        for (AlertRule rule : settings.rules(AlertKind.UNPLANNED_CHANGE)) {
            changesByHost.forEach((host, changes) -> {
                if (rule.watches(host)) {
                    occurrences.addAll(readModels.unplanned(rule, host, changes));
                }
            });
        }
        for (AlertRule rule : settings.rules(AlertKind.DISRUPTION)) {
            eventsByHost.forEach((host, events) -> {
                if (rule.watches(host)) {
                    occurrences.addAll(readModels.disruptions(rule, host, events));
                }
            });
        }
        raiser.raise(occurrences);
    }

    /**
     * A host that joined a cluster whose members at the join (itself included) are of different trust zones: one
     * alert per join (ADR 0062).
     */
    private Optional<Occurrence> mixedZones(AlertRule rule, StoredEvent event, String host) {
        if (!JOINED.equals(event.type()) || !HostEvent.AGGREGATE_TYPE.equals(event.aggregate().type())) {
            return Optional.empty();
        }
        String cluster = event.payload().path("cluster").asText();
        Instant since = event.payload().hasNonNull("since") ? Instant.parse(event.payload().path("since").asText())
                : event.occurredAt();
        List<MembershipSpan> spans = clusters.spans(cluster, h -> true);
        Map<String, Host> hosts = clusters.hostsOf(spans);
        List<String> zones = ClusterService.mixedZones(spans, hosts, since, since.plusMillis(1));
        if (zones.isEmpty()) {
            return Optional.empty();
        }
        Host joined = hosts.get(host);
        return Optional.of(new Occurrence(rule, event.id().toString(), host, since,
                "Mixed trust zones in cluster " + cluster,
                "Host " + host + (joined == null ? "" : " (zone " + joined.zone() + ")") + " joined cluster " + cluster
                        + " at " + since + "; its members are now of zones " + String.join(", ", zones)
                        + ": a cluster shares configuration, root SSH keys and API, so the zones are no longer "
                        + "separate.", List.of(event.id())));
    }

    /**
     * A burst: more than the rule's count of its tasks on the host within its window ending at this one, when the
     * rule raised no burst of the host in that window yet (one alert per burst, however long it goes on).
     */
    private void burst(Connection connection, AlertRule rule, String host, StoredEvent event) throws SQLException {
        Instant at = event.occurredAt();
        int seen = outbox.sightBurst(connection, rule.name(), host, event.id(), at, rule.burstWindow());
        if (seen <= rule.burstCount() || outbox.raisedWithin(connection, rule.name(), host,
                at.minus(rule.burstWindow()), at)) {
            return;
        }
        // raised at once, so a later task of the same burst in this batch sees it
        Occurrence burst = new Occurrence(rule, host + "/" + event.id(), host, at, "Burst of tasks on " + host,
                seen + " tasks of types " + new TreeSet<>(rule.burstTasks()) + " on host " + host
                        + " within " + rule.burstWindow().toMinutes() + " min up to " + at + " (more than "
                        + rule.burstCount() + ").", List.of(event.id()));
        raiser.raise(List.of(burst));
    }
}
