package changeledger.report;

import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.changerequest.ChangeRequest;
import changeledger.changerequest.ChangeRequestFilter;
import changeledger.changerequest.ChangeRequestProjection;
import changeledger.changerequest.ChangeRequestService;
import changeledger.changerequest.Coverage;
import changeledger.changerequest.CoveringRequest;
import changeledger.domain.EventClass;
import changeledger.eventstore.EventStore;
import changeledger.evidence.EvidenceGaps;
import changeledger.evidence.EvidenceStatus;
import changeledger.host.ChangeTarget;
import changeledger.host.Host;
import changeledger.host.HostPolicy;
import changeledger.host.HostSyncStatus;
import changeledger.ingestion.InvalidUpidException;
import changeledger.ingestion.ReplicationLagObserved;
import changeledger.ingestion.Upid;
import changeledger.projection.ChangeCounts;
import changeledger.processing.ReadModelVersion;
import changeledger.projection.ChangeStatsProjection;
import changeledger.projection.ChangeStatsReader;
import changeledger.projection.CountedChange;
import changeledger.projection.EventIndexRepository;
import changeledger.projection.GuestHistory;
import changeledger.projection.Guests;
import changeledger.projection.IndexedEvent;
import changeledger.projection.disruption.Disruption;
import changeledger.projection.disruption.DisruptionProjection;
import changeledger.projection.disruption.MonthSlice;
import changeledger.query.DisruptionWindows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds the monthly stability report and the unplanned-changes list from the read models: the change statistics
 * (what counts, access-log links), the event index (summaries, failed tasks), the disruption windows and the change
 * requests (coverage). Deterministic: the same events give the same report apart from {@code generatedAt}.
 */
@ApplicationScoped
public class StabilityReportService {

    /** Months in the trend, this one included. */
    static final int TREND_MONTHS = 6;

    /** The processors whose read models a month of the trend is counted from. */
    private static final List<String> TREND_READ_MODELS = List.of(ChangeStatsProjection.NAME,
            DisruptionProjection.NAME, ChangeRequestProjection.NAME);

    private final TimeConfig time;
    private final ChangeStatsReader stats;
    private final EventIndexRepository index;
    private final DisruptionWindows disruptions;
    private final ChangeRequestService requests;
    private final HostSyncStatus sync;
    private final EvidenceGaps evidenceGaps;
    private final EvidenceStatus evidence;
    private final Guests guests;
    private final ReadModelVersion versions;
    private final EventStore store;
    private final TrendMemo memo = new TrendMemo();

    /** Wires the service. */
    public StabilityReportService(TimeConfig time, ChangeStatsReader stats, EventIndexRepository index,
                                  DisruptionWindows disruptions, ChangeRequestService requests, HostSyncStatus sync,
                                  EvidenceGaps gaps, EvidenceStatus evidence, Guests guests,
                                  ReadModelVersion versions, EventStore store) {
        this.store = store;
        this.guests = guests;
        this.versions = versions;
        this.evidenceGaps = gaps;
        this.evidence = evidence;
        this.time = time;
        this.stats = stats;
        this.index = index;
        this.disruptions = disruptions;
        this.requests = requests;
        this.sync = sync;
    }

    /** The report of {@code month} for these hosts, as of {@code now}. */
    public StabilityReport report(YearMonth month, List<Host> hosts, Instant now) {
        ZoneId zone = time.timeZone();
        Instant next = TimeRange.month(month, zone).to();
        // read before any month is counted, once for every host (ADR 0067)
        String version = versions.of(TREND_READ_MODELS);
        List<StabilityReport.HostReport> sections = new ArrayList<>();
        hosts.stream().sorted(Comparator.comparing(Host::id))
                .forEach(host -> sections.add(host(host, month, now, version)));
        return new StabilityReport(month.toString(), zone.getId(), now.isBefore(next), now, sections);
    }

    /** The changes on a host in {@code [from, to)} that no request covers, when its policy requires requests. */
    public List<UnplannedChange> unplanned(Host host, Instant from, Instant to) {
        if (!host.policy().requireChangeRequests()) {
            return List.of();
        }
        GuestHistory names = guests.of(host.id());
        return observed(host.id(), from, to).stream().filter(change -> !change.planned())
                .map(change -> unplanned(change, names.nameAt(host.id(), change.guest(), change.occurredAt())))
                .toList();
    }

    /** Every budgeted change on a host in {@code [from, to)}, in time order, each with its covering request or none. */
    public List<ObservedChange> observed(String hostId, Instant from, Instant to) {
        return withFacts(counted(hostId, from, to));
    }

    /**
     * The budgeted changes of {@code [from, to)} with their coverage, without who made them and what they were: what
     * the trend needs (budget units per month), read without the event index.
     */
    private List<ObservedChange> counted(String hostId, Instant from, Instant to) {
        List<CountedChange> items = stats.countedChanges(hostId, from, to);
        if (items.isEmpty()) {
            return List.of();
        }
        Duration grace = requests.grace();
        // a drift's window may begin before the range: so may the request that covers it
        Instant earliest = items.stream().map(CountedChange::earliest).min(Instant::compareTo).orElse(from);
        List<CoveringRequest> candidates = requests.coveringCandidates(hostId,
                earliest.isBefore(from) ? earliest : from, to);
        List<ObservedChange> changes = new ArrayList<>(items.size());
        for (CountedChange item : items) {
            String target = item.target() != null ? item.target()
                    : item.guest() != null ? item.guest() : ChangeTarget.NODE;
            String covering = Coverage.coveringRequest(candidates, target, item.earliest(), item.occurredAt(), grace)
                    .map(CoveringRequest::changeRequestId).orElse(null);
            changes.add(new ObservedChange(item.eventId(), item.position(), item.occurredAt(), item.eventClass(),
                    target, null, null, covering, item.windowStart(), item.security()));
        }
        return changes;
    }

    /** The changes with who made them and what they were, from the event index. */
    private List<ObservedChange> withFacts(List<ObservedChange> changes) {
        if (changes.isEmpty()) {
            return changes;
        }
        Map<Long, IndexedEvent> facts = index.at(changes.stream().mapToLong(ObservedChange::position).toArray());
        return changes.stream().map(change -> {
            IndexedEvent row = facts.get(change.position());
            return row == null ? change : new ObservedChange(change.eventId(), change.position(), change.occurredAt(),
                    change.eventClass(), change.target(), row.actor(), row.summary(), change.changeRequestId(),
                    change.windowStart(), change.security());
        }).toList();
    }

    private StabilityReport.HostReport host(Host host, YearMonth month, Instant now, String version) {
        ZoneId zone = time.timeZone();
        TimeRange span = TimeRange.month(month, zone);
        Instant first = span.from();
        Instant next = span.to();
        Instant end = now.isBefore(next) ? now : next;
        HostPolicy policy = host.policy();

        List<ObservedChange> monthChanges = counted(host.id(), first, next);
        List<Disruption> monthWindows = disruptions.between(host.id(), first, next);
        List<ObservedChange> observed = withFacts(monthChanges);
        int budgetUnits = BudgetCount.of(observed, zone);
        List<ObservedChange> unplannedChanges = observed.stream().filter(c -> !c.planned()).toList();
        int planned = observed.size() - unplannedChanges.size();
        GuestHistory names = guests.of(host.id());
        Map<Long, List<UUID>> driftEvidence = stats.explainedDrifts(host.id(),
                observed.stream().mapToLong(ObservedChange::position).toArray());
        List<UnplannedChange> unplanned = policy.requireChangeRequests() ? unplannedChanges.stream()
                .map(c -> unplanned(c, names.nameAt(host.id(), c.guest(), c.occurredAt()))).toList() : List.of();

        List<MonthSlice> slices = MonthSlice.inMonth(monthWindows, month, zone, now);
        StabilityReport.Disruptions disruption = disruptions(host.id(), slices, names);
        List<CollectionGap> gaps = gaps(host.id(), first, next, now);
        boolean hasEvents = !observed.isEmpty() || index.hasCollectedEvents(host.id(), first, next);
        boolean signOfLife = pulledWithin(host.id(), first, next) || evidence.aliveWithin(host.id(), first, next);
        VerdictRule.Decision decision = VerdictRule.decide(policy, new VerdictRule.Figures(hasEvents,
                signOfLife, !slices.isEmpty(), observed.size(), budgetUnits,
                disruption.minutes(), unplannedChanges, gaps));
        return new StabilityReport.HostReport(host.id(), host.name(), host.role().wireName(), decision.verdict(),
                decision.reasons(), new StabilityReport.Policy(policy.requireChangeRequests(),
                policy.monthlyChangeBudget(), policy.monthlyDisruptionMinutes()),
                new StabilityReport.Changes(budgetUnits, byClass(stats.dailyCounts(host.id(), first, next, zone),
                        month), planned, unplannedChanges.size(),
                        observed.stream().map(c -> item(c, names, host.id(), driftEvidence)).toList(), observed.size()),
                disruption, failedTasks(host.id(), first, next), changeRequests(host.id(), first, next),
                daysSince(stats.lastCountedChange(host.id(), end).orElse(null), end),
                ReportTrend.openAt(monthWindows, end) ? Long.valueOf(0)
                        : daysSince(disruptions.lastStart(host.id(), end).orElse(null), end),
                trend(host.id(), month, monthChanges, monthWindows, now, version), unplanned, gaps,
                observed.stream().filter(ObservedChange::security).map(c -> item(c, names, host.id(), driftEvidence))
                        .toList(), replicationLags(host.id(), first, next, names));
    }

    /** The host's replication jobs that a reading in {@code [first, next)} found lagging (ADR 0066). */
    private List<StabilityReport.ReplicationLag> replicationLags(String hostId, Instant first, Instant next,
                                                                 GuestHistory names) {
        long[] positions = index.hostEvents(hostId, List.of(ReplicationLagObserved.TYPE),
                List.of(EventClass.ROUTINE.json()), first, next).stream().mapToLong(IndexedEvent::position).sorted()
                .toArray();
        return positions.length == 0 ? List.of() : ReplicationLags.of(hostId, store.readPositions(positions), names);
    }

    /**
     * The six-month trend up to {@code month}, whose own changes and windows are given: the months before it are
     * counted from their own changes and windows, and those that are over are kept while the read models they come
     * from stay as they are: {@code version}, read before anything was counted (ADR 0067).
     */
    private List<StabilityReport.TrendMonth> trend(String hostId, YearMonth month, List<ObservedChange> monthChanges,
                                                   List<Disruption> monthWindows, Instant now, String version) {
        ZoneId zone = time.timeZone();
        List<StabilityReport.TrendMonth> trend = new ArrayList<>(TREND_MONTHS);
        for (YearMonth earlier = month.minusMonths(TREND_MONTHS - 1L); earlier.isBefore(month);
             earlier = earlier.plusMonths(1)) {
            YearMonth counted = earlier;
            TimeRange span = TimeRange.month(counted, zone);
            Supplier<StabilityReport.TrendMonth> figures = () -> ReportTrend.month(counted,
                    counted(hostId, span.from(), span.to()), disruptions.between(hostId, span.from(), span.to()),
                    zone, now);
            if (now.isBefore(span.to())) {
                trend.add(figures.get());
            } else {
                trend.add(memo.get(hostId, counted, zone, version, figures));
            }
        }
        trend.add(ReportTrend.month(month, monthChanges, monthWindows, zone, now));
        return trend;
    }

    /**
     * The host's collection gaps in the month, cut at its bounds; a gap still open ends at the month's end once the
     * month is over (so the month's report stays the same), and stays open while the month runs.
     */
    private List<CollectionGap> gaps(String hostId, Instant first, Instant next, Instant now) {
        boolean over = !now.isBefore(next);
        return evidenceGaps.between(hostId, first, next).stream()
                .map(gap -> new CollectionGap(gap.source(), gap.from(), gap.to() == null && over ? next : gap.to()))
                .toList();
    }

    /** Whether a pull from the host succeeded in {@code [first, next)}: a sign of life without events. */
    private boolean pulledWithin(String hostId, Instant first, Instant next) {
        Instant success = sync.of(hostId).lastSuccess();
        return success != null && !success.isBefore(first) && success.isBefore(next);
    }

    private StabilityReport.Disruptions disruptions(String hostId, List<MonthSlice> slices, GuestHistory names) {
        Map<String, CoveringRequest> planned = disruptions.plannedBy(hostId,
                slices.stream().map(MonthSlice::window).toList());
        List<StabilityReport.Window> windows = new ArrayList<>();
        List<MonthSlice> counted = new ArrayList<>();
        double longest = 0;
        for (MonthSlice slice : slices) {
            Disruption window = slice.window();
            Optional<CoveringRequest> covering = Optional.ofNullable(planned.get(window.key()));
            windows.add(new StabilityReport.Window(window.guest(), window.target(), window.start(), window.end(),
                    window.open(), slice.minutes(), window.cause(), window.taskUpid(), window.failed(),
                    window.migration(), covering.isPresent(),
                    covering.map(CoveringRequest::changeRequestId).orElse(null),
                    window.open() ? window.start() : null, userOf(window.taskUpid()),
                    names.nameAt(hostId, window.guest(), window.start())));
            if (!window.failed()) {
                counted.add(slice);
                longest = Math.max(longest, slice.minutes());
            }
        }
        return new StabilityReport.Disruptions(counted.size(), MonthSlice.totalMinutes(counted), longest, windows);
    }

    private static String userOf(String upid) {
        if (upid == null) {
            return null;
        }
        try {
            return Upid.userOfStored(upid);
        } catch (InvalidUpidException e) {
            return null;
        }
    }

    private List<StabilityReport.FailedTask> failedTasks(String hostId, Instant first, Instant next) {
        return FailedTasks.of(index.failedTasks(hostId, first, next), store::readPositions);
    }

    private StabilityReport.ChangeRequests changeRequests(String hostId, Instant first, Instant next) {
        List<ChangeRequest> planned = requests.list(new ChangeRequestFilter(hostId, null, null, first, next));
        Map<String, Integer> byStatus = new TreeMap<>();
        List<StabilityReport.RequestItem> items = new ArrayList<>();
        int selfApproved = 0;
        int retroactive = 0;
        for (ChangeRequest request : planned) {
            byStatus.merge(request.status().wireName(), 1, Integer::sum);
            selfApproved += request.selfApproved() ? 1 : 0;
            retroactive += request.retroactive() ? 1 : 0;
            items.add(new StabilityReport.RequestItem(request.id(), request.title(), request.target(),
                    request.status().wireName(), request.plannedStart(), request.plannedEnd(), request.selfApproved(),
                    request.retroactive()));
        }
        items.sort(Comparator.comparing(StabilityReport.RequestItem::plannedStart)
                .thenComparing(StabilityReport.RequestItem::id));
        return new StabilityReport.ChangeRequests(items.size(), byStatus, selfApproved, retroactive, items);
    }

    private static Long daysSince(Instant last, Instant end) {
        return last == null ? null : Duration.between(last, end).toDays();
    }

    private static ChangeCounts byClass(Map<LocalDate, ChangeCounts> days, YearMonth month) {
        ChangeCounts total = ChangeCounts.ZERO;
        for (Map.Entry<LocalDate, ChangeCounts> day : days.entrySet()) {
            if (YearMonth.from(day.getKey()).equals(month)) {
                total = total.plus(day.getValue());
            }
        }
        return total;
    }

    private static StabilityReport.ChangeItem item(ObservedChange change, GuestHistory names, String hostId,
                                                   Map<Long, List<UUID>> evidence) {
        return new StabilityReport.ChangeItem(change.eventId().toString(), change.occurredAt(), change.eventClass(),
                change.target(), change.actor(), change.summary(), change.changeRequestId(), change.windowStart(),
                change.security() ? Boolean.TRUE : null, names.nameAt(hostId, change.guest(), change.occurredAt()),
                evidence.getOrDefault(change.position(), List.of()).stream().map(UUID::toString).toList());
    }

    private UnplannedChange unplanned(ObservedChange change, String guestName) {
        String guest = change.guest();
        String when = change.windowStart() == null ? change.occurredAt().toString()
                : "any time between " + change.windowStart() + " and " + change.occurredAt()
                + " (the configuration changed between two snapshots)";
        String target = guest == null ? change.target() : "guest " + (guestName == null ? guest
                : guestName + " (" + guest + ")");
        return new UnplannedChange(change.eventId().toString(), change.occurredAt(), change.eventClass(), guest,
                change.actor(), change.summary(), "No approved, started or completed change request for "
                + target + " covers " + when + " (planned window \u00b1 " + requests.grace().toMinutes() + " min)."
                + (change.security() ? " A security change is covered only by a request for target 'security'." : ""),
                change.security() ? Boolean.TRUE : null, guestName);
    }
}
