package changeledger.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Columns of counts stacked by series (classes of changes per day, week or month; one series for a trend). */
public final class StackedBars {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    private static final int LEFT = 44;
    private static final int RIGHT = 8;
    private static final int TOP = 12;
    private static final int BOTTOM = 30;

    /**
     * One column.
     *
     * @param label  the x-axis label (a date or month)
     * @param values the value of each series
     */
    public record Column(String label, Map<String, Double> values) {
    }

    private StackedBars() {
    }

    /**
     * The chart of {@code columns}, the series stacked in {@code series} order, each in {@code colours}.
     *
     * @param unit what a value counts, for tooltips ("changes", "minutes")
     */
    public static Chart of(String name, String title, List<Column> columns, List<String> series,
                           Map<String, String> colours, String unit) {
        double max = columns.stream().mapToDouble(c -> c.values().values().stream().mapToDouble(Double::doubleValue)
                .sum()).max().orElse(0);
        double top = niceCeiling(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = columns.isEmpty() ? plotWidth : plotWidth / columns.size();
        double barWidth = Math.max(1, slot * 0.7);
        List<Chart.Bar> bars = new ArrayList<>();
        List<Chart.Label> labels = new ArrayList<>();
        List<Chart.Line> lines = new ArrayList<>();
        lines.add(new Chart.Line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        lines.add(new Chart.Line(LEFT, TOP, LEFT, TOP + plotHeight));
        labels.add(new Chart.Label(LEFT - 4, TOP + 8, number(top), "end"));
        labels.add(new Chart.Label(LEFT - 4, TOP + plotHeight, "0", "end"));
        int every = Math.max(1, (int) Math.ceil(columns.size() / 12.0));
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double base = TOP + plotHeight;
            for (String s : series) {
                double value = column.values().getOrDefault(s, 0.0);
                if (value <= 0 || top <= 0) {
                    continue;
                }
                double height = value / top * plotHeight;
                base -= height;
                bars.add(new Chart.Bar(Chart.round(x), Chart.round(base), Chart.round(barWidth), Chart.round(height),
                        colours.getOrDefault(s, Palette.of(s)), column.label() + ": " + number(value) + " " + s
                        + (unit.isEmpty() ? "" : " " + unit), s));
            }
            if (i % every == 0) {
                labels.add(new Chart.Label(Chart.round(x + barWidth / 2), HEIGHT - BOTTOM + 16, column.label(),
                        "middle"));
            }
        }
        List<Chart.Legend> legend = series.stream()
                .map(s -> new Chart.Legend(s, colours.getOrDefault(s, Palette.of(s)))).toList();
        return new Chart(name, title, WIDTH, HEIGHT, bars, lines, labels, legend);
    }

    /** 1, 2, 5, 10, 20, 50... at or above {@code value}; at least 1. */
    static double niceCeiling(double value) {
        double top = 1;
        while (top < value) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(top)));
            double mantissa = top / magnitude;
            top = (mantissa < 2 ? 2 : mantissa < 5 ? 5 : 10) * magnitude;
        }
        return top;
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
