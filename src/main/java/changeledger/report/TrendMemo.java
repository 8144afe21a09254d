package changeledger.report;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The trend's figures of months that are over, kept per host with the version of the read models they were computed
 * from (ADR 0067): a home page or report read again while no event arrived takes them from here instead of counting
 * five months of changes again. A month still running is never kept: its open windows grow with the clock.
 */
final class TrendMemo {

    /** Enough for a few hundred hosts' trends; past it everything is dropped and computed again. */
    static final int MOST = 4096;

    private record Key(String hostId, YearMonth month, ZoneId zone) {
    }

    private record Kept(String version, StabilityReport.TrendMonth month) {
    }

    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

    /**
     * The month's figures for the host, kept ones if they were computed at {@code version}, else computed now and
     * kept. The caller reads the version before the figures are computed: figures that came from newer data than their
     * version are then computed again on the next read (the version has moved on), never served for data they miss.
     */
    StabilityReport.TrendMonth get(String hostId, YearMonth month, ZoneId zone, String version,
                                   Supplier<StabilityReport.TrendMonth> compute) {
        Key key = new Key(hostId, month, zone);
        Kept known = kept.get(key);
        if (known != null && known.version().equals(version)) {
            return known.month();
        }
        StabilityReport.TrendMonth figures = compute.get();
        if (kept.size() >= MOST) {
            kept.clear();
        }
        kept.put(key, new Kept(version, figures));
        return figures;
    }

    /** How many months are kept (for tests). */
    int size() {
        return kept.size();
    }
}
