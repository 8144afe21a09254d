package changeledger.projection.disruption;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads a host's disruption windows, for the API and the monthly report. Callers check host scoping. Failed tasks are
 * among the windows (zero length, {@code failed}); counts of disruptions leave them out.
 */
@ApplicationScoped
public class DisruptionWindows {

    private final DisruptionRepository repository;

    /** Wires the reader. */
    public DisruptionWindows(DisruptionRepository repository) {
        this.repository = repository;
    }

    /**
     * The host's windows that overlap {@code [from, to)} (either may be null: unbounded), whole (not clipped to the
     * range), in start order.
     */
    public List<Disruption> between(String hostId, Instant from, Instant to) {
        return repository.between(hostId, from, to);
    }

    /** The parts of the host's windows inside {@code month} of {@code zone}, open windows counted up to {@code now}. */
    public List<MonthSlice> inMonth(String hostId, YearMonth month, ZoneId zone, Instant now) {
        Instant first = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant next = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return MonthSlice.inMonth(between(hostId, first, next), month, zone, now);
    }
}
