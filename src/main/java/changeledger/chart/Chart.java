package changeledger.chart;

import java.util.List;

/**
 * A chart as shapes in a {@code width} x {@code height} view box; a template turns it into inline SVG (escaping
 * every text) with a legend.
 *
 * @param name   a stable name (CSS and tests find the chart by it)
 * @param title  what it shows, read out by screen readers
 * @param width  the view box width
 * @param height the view box height
 * @param bars   the rectangles
 * @param lines  the axis and grid lines
 * @param labels the texts
 * @param legend what each colour means
 */
public record Chart(String name, String title, int width, int height, List<Bar> bars, List<Line> lines,
                    List<Label> labels, List<Legend> legend) {

    /**
     * A rectangle with its tooltip.
     *
     * @param x      left
     * @param y      top
     * @param width  width
     * @param height height
     * @param fill   colour
     * @param title  the tooltip (and the text for screen readers)
     * @param kind   a CSS class: the series it belongs to
     */
    public record Bar(double x, double y, double width, double height, String fill, String title, String kind) {
    }

    /**
     * A line.
     *
     * @param x1 start x
     * @param y1 start y
     * @param x2 end x
     * @param y2 end y
     */
    public record Line(double x1, double y1, double x2, double y2) {
    }

    /**
     * A text.
     *
     * @param x      anchor x
     * @param y      baseline y
     * @param text   the text
     * @param anchor start, middle or end
     */
    public record Label(double x, double y, String text, String anchor) {
    }

    /**
     * A legend entry.
     *
     * @param label the series
     * @param fill  its colour
     */
    public record Legend(String label, String fill) {
    }

    /** Whether the chart has nothing to show. */
    public boolean empty() {
        return bars.isEmpty();
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
