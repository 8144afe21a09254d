package changeledger.report;

import changeledger.api.TimeRange;
import changeledger.chart.Chart;
import changeledger.chart.Palette;
import changeledger.chart.StackedBars;
import changeledger.chart.Timeline;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's charts, drawn from the same model as its tables: the month's observed changes per day stacked by
 * class, the month's disruption windows one lane per target, and the six-month trend of budget units and
 * disruption minutes.
 *
 * @param daily        observed changes per day by class
 * @param timeline     the disruption windows of the month
 * @param trendUnits   budget units per month of the trend
 * @param trendMinutes disruption minutes per month of the trend
 */
public record ReportCharts(Chart daily, Chart timeline, Chart trendUnits, Chart trendMinutes) {

    private static final List<String> CHANGE_CLASSES = List.of("disruptive", "change", "manual");

    /** The charts of one host's section. */
    static ReportCharts of(StabilityReport report, StabilityReport.HostReport host) {
        ZoneId zone = ZoneId.of(report.timeZone());
        YearMonth month = YearMonth.parse(report.month());
        TimeRange span = TimeRange.month(month, zone);
        return new ReportCharts(daily(host, month, zone), timeline(host, span.from(), span.to(), zone),
                trend(host, "trend-budget-units", "Budget units per month", "budget units", "#1f5fbf", true),
                trend(host, "trend-disruption-minutes", "Disruption minutes per month", "disruption minutes",
                        "#b3261e", false));
    }

    private static Chart daily(StabilityReport.HostReport host, YearMonth month, ZoneId zone) {
        Map<LocalDate, Map<String, Double>> byDay = new HashMap<>();
        for (StabilityReport.ChangeItem item : host.changes().items()) {
            byDay.computeIfAbsent(item.occurredAt().atZone(zone).toLocalDate(), d -> new HashMap<>())
                    .merge(item.eventClass(), 1.0, Double::sum);
        }
        List<StackedBars.Column> columns = new ArrayList<>();
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            columns.add(new StackedBars.Column(String.format(Locale.ROOT, "%02d", day),
                    byDay.getOrDefault(month.atDay(day), Map.of())));
        }
        return StackedBars.of("daily-changes", "Changes per day by class", columns, CHANGE_CLASSES, Map.of(),
                "changes");
    }

    private static Chart timeline(StabilityReport.HostReport host, Instant from, Instant to, ZoneId zone) {
        Map<String, List<Timeline.Span>> lanes = new TreeMap<>();
        for (StabilityReport.Window w : host.disruptions().windows()) {
            lanes.computeIfAbsent(w.target(), t -> new ArrayList<>()).add(new Timeline.Span(w.start(),
                    w.end() == null ? to : w.end(), w.planned(), w.failed(), w.cause() + ", "
                    + String.format(Locale.ROOT, "%.1f", w.durationMinutes()) + " min in the month"));
        }
        return Timeline.of("disruption-timeline", "Disruption windows of the month by target", from, to,
                lanes.entrySet().stream().map(e -> new Timeline.Lane(e.getKey(), e.getValue())).toList(), zone);
    }

    private static Chart trend(StabilityReport.HostReport host, String name, String title, String series,
                               String colour, boolean units) {
        List<StackedBars.Column> columns = host.trend().stream().map(t -> new StackedBars.Column(t.month(),
                Map.of(series, units ? (double) t.budgetUnits() : t.disruptionMinutes()))).toList();
        return StackedBars.of(name, title, columns, List.of(series), Map.of(series, colour), "");
    }
}
