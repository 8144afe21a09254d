package changeledger.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Disruption windows over a span of time, one lane per target; planned and unplanned windows in two colours. */
public final class Timeline {

    static final int WIDTH = 720;
    private static final int LEFT = 90;
    private static final int RIGHT = 8;
    private static final int TOP = 8;
    private static final int LANE = 22;
    private static final int BOTTOM = 24;

    /**
     * One window.
     *
     * @param start   its start
     * @param end     its end (now while open)
     * @param planned whether a change request covers it
     * @param failed  a failed task (no disruption, drawn as a thin mark)
     * @param label   what it was, for the tooltip
     */
    public record Span(Instant start, Instant end, boolean planned, boolean failed, String label) {
    }

    /**
     * A lane.
     *
     * @param target the target (guest, node or service)
     * @param spans  its windows
     */
    public record Lane(String target, List<Span> spans) {
    }

    private Timeline() {
    }

    /** The timeline of {@code lanes} in {@code [from, to)}, with day ticks in {@code zone}. */
    public static Chart of(String name, String title, Instant from, Instant to, List<Lane> lanes, ZoneId zone) {
        int height = TOP + Math.max(1, lanes.size()) * LANE + BOTTOM;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        List<Chart.Bar> bars = new ArrayList<>();
        List<Chart.Line> lines = new ArrayList<>();
        List<Chart.Label> labels = new ArrayList<>();
        double axis = TOP + Math.max(1, lanes.size()) * LANE;
        lines.add(new Chart.Line(LEFT, axis, WIDTH - RIGHT, axis));
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            double y = TOP + i * LANE;
            labels.add(new Chart.Label(LEFT - 6, y + LANE * 0.65, lane.target(), "end"));
            for (Span s : lane.spans()) {
                Instant start = s.start().isBefore(from) ? from : s.start();
                Instant end = s.end() == null || s.end().isAfter(to) ? to : s.end();
                if (!start.isBefore(to) || end.isBefore(from)) {
                    continue;
                }
                double x = LEFT + Duration.between(from, start).toSeconds() / span * plotWidth;
                double width = Math.max(2, Duration.between(start, end).toSeconds() / span * plotWidth);
                String fill = s.failed() ? Palette.FAILED : s.planned() ? Palette.PLANNED : Palette.UNPLANNED;
                String kind = s.failed() ? "failed" : s.planned() ? "planned" : "unplanned";
                bars.add(new Chart.Bar(Chart.round(x), y + 4, Chart.round(width), LANE - 8, fill,
                        lane.target() + ": " + kind + ", " + s.label(), kind));
            }
        }
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        long days = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(first, last));
        long every = Math.max(1, (long) Math.ceil(days / 10.0));
        for (LocalDate day = first; day.isBefore(last); day = day.plusDays(every)) {
            Instant at = day.atStartOfDay(zone).toInstant();
            if (at.isBefore(from)) {
                continue;
            }
            double x = Chart.round(LEFT + Duration.between(from, at).toSeconds() / span * plotWidth);
            lines.add(new Chart.Line(x, axis, x, axis + 4));
            labels.add(new Chart.Label(x, axis + 16, String.format(Locale.ROOT, "%02d-%02d", day.getMonthValue(),
                    day.getDayOfMonth()), "middle"));
        }
        List<Chart.Legend> legend = List.of(new Chart.Legend("planned", Palette.PLANNED),
                new Chart.Legend("unplanned", Palette.UNPLANNED), new Chart.Legend("failed task", Palette.FAILED));
        return new Chart(name, title, WIDTH, height, bars, lines, labels, legend);
    }
}
