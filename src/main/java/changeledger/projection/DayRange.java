package changeledger.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A range {@code [from, to)} cut at the day boundaries of a time zone: the whole days it covers, which the
 * statistics read from their per-day rollup, and at most two partial days at its edges, which they count from
 * per-event rows.
 *
 * @param firstFullDay the first whole day covered
 * @param endFullDay   the day after the last whole day covered; equal to {@code firstFullDay} when none is
 * @param partialDays  the parts of days the range covers only in part, in time order (none, one or two)
 */
public record DayRange(LocalDate firstFullDay, LocalDate endFullDay, List<Slice> partialDays) {

    /** Copies the slices. */
    public DayRange {
        partialDays = List.copyOf(partialDays);
    }

    /**
     * The part {@code [from, to)} of one day that a range covers.
     *
     * @param day  the local day
     * @param from the first instant covered
     * @param to   the first instant no longer covered
     */
    public record Slice(LocalDate day, Instant from, Instant to) {
    }

    /** Cuts {@code [from, to)} (from before to) at midnights in {@code zone}. */
    public static DayRange of(Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
        LocalDate fromDay = from.atZone(zone).toLocalDate();
        LocalDate toDay = to.atZone(zone).toLocalDate();
        boolean fromAtMidnight = start(fromDay, zone).equals(from);
        boolean toAtMidnight = start(toDay, zone).equals(to);
        if (fromDay.equals(toDay)) {
            return new DayRange(fromDay, fromDay, List.of(new Slice(fromDay, from, to)));
        }
        List<Slice> partial = new ArrayList<>(2);
        LocalDate firstFull = fromDay;
        if (!fromAtMidnight) {
            firstFull = fromDay.plusDays(1);
            partial.add(new Slice(fromDay, from, start(firstFull, zone)));
        }
        if (!toAtMidnight) {
            partial.add(new Slice(toDay, start(toDay, zone), to));
        }
        return new DayRange(firstFull, toDay, partial);
    }

    /** The first instant of a local day in {@code zone}. */
    public static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }
}
