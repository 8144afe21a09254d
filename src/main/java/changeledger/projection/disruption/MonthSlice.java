package changeledger.projection.disruption;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a disruption window inside one month: what monthly figures count. Windows crossing a month boundary are
 * split; an open window counts up to now, or to the end of the month for a past month.
 *
 * @param window the whole window
 * @param start  where the part begins (the window's start, or the month's first instant)
 * @param end    where the part ends (the window's end, now, or the next month's first instant)
 */
public record MonthSlice(Disruption window, Instant start, Instant end) {

    /** The part's length; zero for a failed task. */
    public Duration duration() {
        return window.failed() ? Duration.ZERO : Duration.between(start, end);
    }

    /** The part's minutes to one decimal. */
    public double minutes() {
        return Disruption.minutes(duration());
    }

    /**
     * The parts of {@code windows} inside {@code month} of {@code zone}, in the windows' order; windows that do not
     * reach into the month (or only lie after {@code now}) have none.
     */
    public static List<MonthSlice> inMonth(List<Disruption> windows, YearMonth month, ZoneId zone, Instant now) {
        Instant first = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant next = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<MonthSlice> slices = new ArrayList<>();
        for (Disruption window : windows) {
            Instant end = window.end() != null ? window.end() : latest(window.start(), earliest(now, next));
            Disruption counted = new Disruption(window.hostId(), window.target(), window.guest(), window.start(), end,
                    window.cause(), window.causeUpid(), window.closedByUpid(), window.entryId(), window.failed(),
                    window.migration());
            if ((window.end() == null && now.isBefore(first)) || !counted.overlaps(first, next)) {
                continue;
            }
            slices.add(new MonthSlice(window, latest(window.start(), first), earliest(end, next)));
        }
        return slices;
    }

    /** The sum of the parts' minutes, to one decimal (summed exactly, rounded once). */
    public static double totalMinutes(List<MonthSlice> slices) {
        Duration total = Duration.ZERO;
        for (MonthSlice slice : slices) {
            total = total.plus(slice.duration());
        }
        return Disruption.minutes(total);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
