package changeledger.dashboard;

import changeledger.chart.Chart;
import changeledger.chart.Palette;
import changeledger.chart.StackedBars;
import changeledger.chart.Timeline;
import changeledger.projection.ChangeCounts;
import changeledger.query.ChangeStatsView;
import changeledger.query.DisruptionView;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The host page's charts, drawn from what the stats and disruptions endpoints answer. */
final class HostCharts {

    private HostCharts() {
    }

    /** Change frequency: one column per bucket, stacked by class. */
    static Chart frequency(ChangeStatsView stats, ZoneId zone) {
        List<StackedBars.Column> columns = stats.buckets().stream().map(b -> new StackedBars.Column(
                label(b.start(), stats.bucket(), zone), values(b.counts()))).toList();
        return StackedBars.of("change-frequency", "Changes per " + stats.bucket() + " by class", columns,
                Palette.CLASSES, Map.of(), "");
    }

    /** Disruption windows, one lane per target. */
    static Chart timeline(List<DisruptionView> windows, Instant from, Instant to, ZoneId zone) {
        Map<String, List<Timeline.Span>> lanes = new TreeMap<>();
        for (DisruptionView w : windows) {
            lanes.computeIfAbsent(w.target(), t -> new java.util.ArrayList<>()).add(new Timeline.Span(w.start(),
                    w.end() == null ? Instant.now() : w.end(), w.planned(), w.failed(), w.cause() + ", "
                    + String.format(Locale.ROOT, "%.1f", w.durationMinutes()) + " min"));
        }
        List<Timeline.Lane> list = lanes.entrySet().stream().map(e -> new Timeline.Lane(e.getKey(), e.getValue()))
                .toList();
        return Timeline.of("disruption-timeline", "Disruption windows by target", from, to, list, zone);
    }

    static Map<String, Double> values(ChangeCounts c) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("change", (double) c.change());
        values.put("disruptive", (double) c.disruptive());
        values.put("start", (double) c.start());
        values.put("routine", (double) c.routine());
        values.put("access", (double) c.access());
        values.put("unknown", (double) c.unknown());
        values.put("manual", (double) c.manual());
        values.put("incident", (double) c.incident());
        return values;
    }

    private static String label(Instant start, String bucket, ZoneId zone) {
        java.time.LocalDate day = start.atZone(zone).toLocalDate();
        return bucket.equals("month") ? day.toString().substring(0, 7) : day.toString().substring(5);
    }
}
