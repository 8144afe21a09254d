package changeledger.query;

import changeledger.changerequest.ChangeRequestService;
import changeledger.changerequest.Coverage;
import changeledger.changerequest.CoveringRequest;
import changeledger.projection.disruption.Disruption;
import changeledger.projection.disruption.DisruptionRepository;
import changeledger.projection.disruption.MonthSlice;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a host's disruption windows, for the API and the monthly report, and the change requests that plan them.
 * Callers check host scoping. Failed tasks are among the windows (zero length, {@code failed}); counts of
 * disruptions leave them out.
 */
@ApplicationScoped
public class DisruptionWindows {

    private final DisruptionRepository repository;
    private final ChangeRequestService changeRequests;

    /** Wires the reader. */
    public DisruptionWindows(DisruptionRepository repository, ChangeRequestService changeRequests) {
        this.repository = repository;
        this.changeRequests = changeRequests;
    }

    /**
     * The host's windows that overlap {@code [from, to)} (either may be null: unbounded), whole (not clipped to the
     * range), in start order.
     */
    public List<Disruption> between(String hostId, Instant from, Instant to) {
        return repository.between(hostId, from, to);
    }

    /** When the host's last disruption (failed tasks aside) began before {@code before}, if it had any. */
    public Optional<Instant> lastStart(String hostId, Instant before) {
        return repository.lastStart(hostId, before);
    }

    /** The parts of the host's windows inside {@code month} of {@code zone}, open windows counted up to {@code now}. */
    public List<MonthSlice> inMonth(String hostId, YearMonth month, ZoneId zone, Instant now) {
        Instant first = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant next = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return MonthSlice.inMonth(between(hostId, first, next), month, zone, now);
    }

    /** The host's {@code windows} as the API shows them at {@code now}, each with the request that plans it. */
    public List<DisruptionView> views(String hostId, List<Disruption> windows, Instant now) {
        Map<String, CoveringRequest> planned = plannedBy(hostId, windows);
        List<DisruptionView> views = new ArrayList<>(windows.size());
        for (Disruption window : windows) {
            CoveringRequest request = planned.get(window.key());
            String changeRequestId = request == null ? null : request.changeRequestId();
            views.add(DisruptionView.of(window, now, changeRequestId != null, changeRequestId));
        }
        return views;
    }

    /**
     * The change request that plans each of the host's {@code windows}, by {@link Disruption#key()}; a window is
     * planned when an approved, in-progress or completed request of its target (or the node) covers its start
     * ({@link Coverage}, with the configured grace). Windows no request covers are absent.
     */
    public Map<String, CoveringRequest> plannedBy(String hostId, List<Disruption> windows) {
        if (windows.isEmpty()) {
            return Map.of();
        }
        Instant earliest = windows.get(0).start();
        Instant latest = earliest;
        for (Disruption window : windows) {
            earliest = window.start().isBefore(earliest) ? window.start() : earliest;
            latest = window.start().isAfter(latest) ? window.start() : latest;
        }
        List<CoveringRequest> candidates = changeRequests.coveringCandidates(hostId, earliest, latest);
        Map<String, CoveringRequest> planned = new HashMap<>();
        for (Disruption window : windows) {
            Coverage.coveringRequest(candidates, window.target(), window.start(), changeRequests.grace())
                    .ifPresent(request -> planned.put(window.key(), request));
        }
        return planned;
    }
}
