package changeledger.query;

import changeledger.api.TimeRange;
import changeledger.projection.DayRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Cuts a statistics range into its buckets, and gives a range's defaults. Pure. */
public final class StatsBuckets {

    private StatsBuckets() {
    }

    /**
     * One bucket as far as the range covers it: {@code [start, end)} is the bucket cut to the range, so a bucket
     * the range cuts starts at {@code from} or ends at {@code to}.
     *
     * @param first the bucket's first local day (its label, also when the range cuts it)
     * @param start the first instant counted
     * @param end   the first instant no longer counted
     */
    public record Span(LocalDate first, Instant start, Instant end) {
    }

    /**
     * The buckets of {@code [from, to)} in order, every one present; at most {@code max + 1} of them, so a caller
     * can tell a range with too many apart without building them all.
     */
    public static List<Span> spans(Instant from, Instant to, StatsBucket bucket, ZoneId zone, int max) {
        List<Span> spans = new ArrayList<>();
        LocalDate first = bucket.floor(from.atZone(zone).toLocalDate());
        while (spans.size() <= max) {
            Instant start = DayRange.start(first, zone);
            if (!start.isBefore(to)) {
                break;
            }
            LocalDate next = bucket.next(first);
            Instant end = DayRange.start(next, zone);
            spans.add(new Span(first, start.isBefore(from) ? from : start, end.isAfter(to) ? to : end));
            first = next;
        }
        return spans;
    }

}
