package changeledger.dashboard;

import changeledger.chart.Chart;
import changeledger.chart.Palette;
import changeledger.chart.StackedBars;
import changeledger.chart.Timeline;
import changeledger.cluster.ClusterFigures;
import changeledger.projection.ChangeCounts;
import changeledger.query.ChangeStatsView;
import changeledger.query.DisruptionView;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The host and cluster pages' charts, drawn from what the stats and disruptions endpoints answer. */
final class HostCharts {

    /** The lane of a cluster's times without quorum. */
    static final String NO_QUORUM_LANE = "cluster: no quorum";

    private HostCharts() {
    }

    /** Change frequency: one column per bucket, stacked by class. */
    static Chart frequency(ChangeStatsView stats, ZoneId zone) {
        return frequency(stats.buckets(), stats.bucket(), zone);
    }

    /** Change frequency of any counts by bucket (a host's, a cluster's): one column per bucket, stacked by class. */
    static Chart frequency(List<ChangeStatsView.Bucket> buckets, String bucket, ZoneId zone) {
        List<StackedBars.Column> columns = buckets.stream().map(b -> new StackedBars.Column(
                label(b.start(), bucket, zone), values(b.counts()))).toList();
        return StackedBars.of("change-frequency", "Changes per " + bucket + " by class", columns,
                Palette.CLASSES, Map.of(), "");
    }

    /** Disruption windows, one lane per target. */
    static Chart timeline(List<DisruptionView> windows, Instant from, Instant to, ZoneId zone) {
        Map<String, List<Timeline.Span>> lanes = new TreeMap<>();
        for (DisruptionView w : windows) {
            lanes.computeIfAbsent(w.target(), t -> new ArrayList<>()).add(span(w));
        }
        return timeline(lanes, "Disruption windows by target", from, to, zone);
    }

    /**
     * A cluster's windows: the times without quorum in one lane, each member's windows in a lane per member and
     * target.
     */
    static Chart clusterTimeline(List<ClusterFigures.Window> windows, Instant from, Instant to, ZoneId zone) {
        Map<String, List<Timeline.Span>> lanes = new TreeMap<>();
        for (ClusterFigures.Window w : windows) {
            if (w.window() == null) {
                lanes.computeIfAbsent(NO_QUORUM_LANE, t -> new ArrayList<>()).add(new Timeline.Span(w.start(),
                        w.end() == null ? Instant.now() : w.end(), false, false, label(w.cause(),
                        w.durationMinutes())));
            } else {
                lanes.computeIfAbsent(w.hostId() + " " + w.window().target(), t -> new ArrayList<>())
                        .add(span(w.window()));
            }
        }
        return timeline(lanes, "Disruption windows by member and target", from, to, zone);
    }

    private static Timeline.Span span(DisruptionView w) {
        return new Timeline.Span(w.start(), w.end() == null ? Instant.now() : w.end(), w.planned(), w.failed(),
                label(w.cause(), w.durationMinutes()));
    }

    private static String label(String cause, double minutes) {
        return cause + ", " + String.format(Locale.ROOT, "%.1f", minutes) + " min";
    }

    private static Chart timeline(Map<String, List<Timeline.Span>> lanes, String title, Instant from, Instant to,
                                  ZoneId zone) {
        List<Timeline.Lane> list = lanes.entrySet().stream().map(e -> new Timeline.Lane(e.getKey(), e.getValue()))
                .toList();
        return Timeline.of("disruption-timeline", title, from, to, list, zone);
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
