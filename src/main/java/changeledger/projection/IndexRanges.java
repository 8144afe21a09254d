package changeledger.projection;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The index ranges a time-filtered page of the event index reads, each in the gap-safe order (ADR 0014, 0036): a
 * whole UTC month where the range covers it or its end is open, else one range per UTC day of the month it covers,
 * so a range that starts or ends inside a month reads no event of the days it leaves out.
 */
public final class IndexRanges {

    /** The most months a time filter is read range by range; a longer span is one scan of the global order. */
    public static final int MAX_MONTHS = 120;

    private IndexRanges() {
    }

    /**
     * One index range: a UTC month ({@code occurred_month = key}) or a UTC day ({@code occurred_day = key}).
     *
     * @param day whether the range is a day
     * @param key the day, or the month's first day
     */
    public record Range(boolean day, LocalDate key) {
    }

    /**
     * The ranges of the UTC days {@code first} to {@code last} (inclusive), in time order. A side given as open
     * ({@code openStart}, {@code openEnd}: the filter has no bound there, and {@code first} or {@code last} is the
     * first or last day indexed, so nothing lies beyond it) counts as reaching its month's edge.
     * An empty list when the span has more than {@link #MAX_MONTHS} months (then one scan serves).
     */
    public static List<Range> of(LocalDate first, LocalDate last, boolean openStart, boolean openEnd) {
        LocalDate firstMonth = first.withDayOfMonth(1);
        LocalDate lastMonth = last.withDayOfMonth(1);
        if (firstMonth.plusMonths(MAX_MONTHS).isBefore(lastMonth.plusMonths(1))) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>();
        for (LocalDate month = firstMonth; !month.isAfter(lastMonth); month = month.plusMonths(1)) {
            LocalDate monthEnd = month.with(TemporalAdjusters.lastDayOfMonth());
            LocalDate from = month.equals(firstMonth) ? first : month;
            LocalDate to = month.equals(lastMonth) ? last : monthEnd;
            boolean wholeStart = from.equals(month) || month.equals(firstMonth) && openStart;
            boolean wholeEnd = to.equals(monthEnd) || month.equals(lastMonth) && openEnd;
            if (wholeStart && wholeEnd) {
                ranges.add(new Range(false, month));
            } else {
                for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                    ranges.add(new Range(true, day));
                }
            }
        }
        return ranges;
    }
}
