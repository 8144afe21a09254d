package changeledger.report;

import changeledger.api.TimeRange;
import changeledger.projection.disruption.Disruption;
import changeledger.projection.disruption.MonthSlice;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * A month of the report's six-month trend, counted as its own report counts it: the observed changes of the month,
 * their budget units ({@link BudgetCount}) and the disruption minutes inside it.
 */
final class ReportTrend {

    private ReportTrend() {
    }

    /**
     * One month of the trend.
     *
     * @param changes the observed changes of at least that month, each with its covering request or none
     * @param windows the host's windows that overlap at least that month
     */
    static StabilityReport.TrendMonth month(YearMonth month, List<ObservedChange> changes, List<Disruption> windows,
                                            ZoneId zone, Instant now) {
        TimeRange span = TimeRange.month(month, zone);
        List<ObservedChange> inMonth = within(changes, span.from(), span.to());
        List<MonthSlice> slices = MonthSlice.inMonth(windows, month, zone, now).stream()
                .filter(s -> !s.window().failed()).toList();
        return new StabilityReport.TrendMonth(month.toString(), inMonth.size(), MonthSlice.totalMinutes(slices),
                BudgetCount.of(inMonth, zone));
    }

    /** The changes that occurred in {@code [from, to)}, in their order. */
    static List<ObservedChange> within(List<ObservedChange> changes, Instant from, Instant to) {
        return changes.stream().filter(c -> !c.occurredAt().isBefore(from) && c.occurredAt().isBefore(to)).toList();
    }

    /** Whether a window (failed tasks aside) began before {@code at} and had not ended by then. */
    static boolean openAt(List<Disruption> windows, Instant at) {
        return windows.stream().anyMatch(w -> !w.failed() && w.start().isBefore(at)
                && (w.end() == null || w.end().isAfter(at)));
    }
}
