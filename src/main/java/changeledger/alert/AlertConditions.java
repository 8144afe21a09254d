package changeledger.alert;

import changeledger.api.TimeConfig;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.seal.SealChain;
import changeledger.eventstore.seal.Verification;
import changeledger.host.Host;
import changeledger.host.HostService;
import changeledger.host.HostSyncStatus;
import changeledger.host.HostView;
import changeledger.report.StabilityReport;
import changeledger.report.StabilityReportService;
import changeledger.report.Verdict;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The rules that no single event decides, checked every {@code condition-interval}: a month over budget (the report's
 * own verdict), pulls of a host failing for longer than the rule's bound, and a broken seal chain. Each occurrence
 * has a key (host and month; host and the last success; the first broken position), so checking again, on any
 * instance, raises nothing twice.
 */
@ApplicationScoped
public class AlertConditions {

    private static final Logger LOG = Logger.getLogger(AlertConditions.class);
    private static final int ATTEMPTS = 3;

    private final AlertSettings settings;
    private final AlertRaiser raiser;
    private final HostService hosts;
    private final StabilityReportService reports;
    private final HostSyncStatus sync;
    private final TimeConfig time;
    private final AgroalDataSource dataSource;
    private final SealChain seal = new SealChain();

    /** Wires the checks. */
    public AlertConditions(AlertSettings settings, AlertRaiser raiser, HostService hosts,
                           StabilityReportService reports, HostSyncStatus sync, TimeConfig time,
                           AgroalDataSource dataSource) {
        this.settings = settings;
        this.raiser = raiser;
        this.hosts = hosts;
        this.reports = reports;
        this.sync = sync;
        this.time = time;
        this.dataSource = dataSource;
    }

    @Scheduled(identity = "alert-conditions", every = "${changeledger.alerts.condition-interval:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            check(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("Checking the alert conditions failed: %s", e.getMessage());
        }
    }

    /** Checks every condition as of {@code now}; returns the alerts raised now. */
    public List<AlertEvent.AlertRaised> check(Instant now) {
        List<Occurrence> occurrences = new ArrayList<>();
        for (AlertRule rule : settings.rules()) {
            switch (rule.kind()) {
                case OVER_BUDGET -> hosts.list().stream().filter(h -> rule.watches(h.id()))
                        .forEach(h -> overBudget(rule, h, now).ifPresent(occurrences::add));
                case SYNC_FAILING -> hosts.list().stream().filter(h -> rule.watches(h.id()))
                        .forEach(h -> syncFailing(rule, h.id(), now).ifPresent(occurrences::add));
                case SEAL_BROKEN -> sealBroken(rule, now).ifPresent(occurrences::add);
                default -> {
                }
            }
        }
        return occurrences.isEmpty() ? List.of()
                : ConflictRetry.inNewTransaction(ATTEMPTS, () -> raiser.raise(occurrences));
    }

    /** The month's report of the host says over budget: once per host and month. */
    private Optional<Occurrence> overBudget(AlertRule rule, Host host, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(time.timeZone()));
        StabilityReport.HostReport report = reports.report(month, List.of(host), now).hosts().get(0);
        if (report.verdict() != Verdict.OVER_BUDGET) {
            return Optional.empty();
        }
        return Optional.of(new Occurrence(rule, host.id() + "/" + month, host.id(), now,
                "Over budget on " + host.id() + " in " + month,
                "Host " + host.id() + " is over its budget for " + month + ": " + String.join("; ", report.reasons())
                        + ".", List.of()));
    }

    /** Pulls of the host have failed since its last success for longer than the bound: once per failing spell. */
    private Optional<Occurrence> syncFailing(AlertRule rule, String hostId, Instant now) {
        HostView.Sync state = sync.of(hostId);
        if (!state.configured() || state.lastError() == null || state.lastErrorAt() == null
                || (state.lastSuccess() != null && !state.lastErrorAt().isAfter(state.lastSuccess()))) {
            return Optional.empty();
        }
        Instant since = state.lastSuccess() != null ? state.lastSuccess() : state.lastErrorAt();
        if (Duration.between(since, now).compareTo(rule.syncBound()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Occurrence(rule, hostId + "/" + (state.lastSuccess() == null ? "never"
                : state.lastSuccess().toString()), hostId, state.lastErrorAt(), "Sync failing on " + hostId,
                "Pulling from host " + hostId + " has failed " + (state.lastSuccess() == null ? "since " + since
                        + " (no pull ever succeeded)" : "since the last success at " + since) + ", longer than "
                        + rule.syncBound().toMinutes() + " min; the last error: " + state.lastError(), List.of()));
    }

    /** Verification of the whole seal chain fails: once per first broken position. */
    private Optional<Occurrence> sealBroken(AlertRule rule, Instant now) {
        Verification verification;
        try {
            verification = seal.verifyConsistently(dataSource, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Verifying the seal chain failed", e);
        }
        if (verification.verified()) {
            return Optional.empty();
        }
        String broken = verification.firstBrokenPosition() == null ? "unknown"
                : verification.firstBrokenPosition().toString();
        return Optional.of(new Occurrence(rule, "seal/" + broken, null, now, "Seal chain broken",
                "Verification of the seal chain failed at seal position " + broken + " (" + verification.checked()
                        + " links checked, sealed up to " + verification.sealedUpTo() + "): events may have been "
                        + "changed or removed" + (verification.reason() == null ? "." : ": " + verification.reason()),
                List.of()));
    }
}
