package changeledger.query;

import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
import changeledger.projection.ChangeCounts;
import changeledger.projection.DayRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cuts a statistics range into its buckets and counts each: the one place for host and cluster statistics. */
public final class StatsBuckets {

    /** The most buckets one request may ask for: more than a year of days. */
    public static final int MOST = 400;

    private StatsBuckets() {
    }

    /** A request's {@code bucket}: a day when absent; 400 for anything but day, week or month. */
    public static StatsBucket bucket(String value) {
        if (value == null || value.isBlank()) {
            return StatsBucket.DAY;
        }
        StatsBucket bucket = StatsBucket.ofWireName(value.trim());
        if (bucket == null) {
            throw ProblemException.badRequest("'bucket' is '" + value + "': use day, week or month (the default is day).");
        }
        return bucket;
    }

    /** The buckets of a requested range; 400 when it has more than {@link #MOST}. */
    public static List<Span> spans(TimeRange range, StatsBucket bucket, ZoneId zone) {
        List<Span> spans = spans(range.from(), range.to(), bucket, zone, MOST);
        if (spans.size() > MOST) {
            throw ProblemException.badRequest("The range from " + range.from() + " to " + range.to() + " has more than "
                    + MOST + " " + bucket.wireName() + " buckets; at most " + MOST + " are allowed. "
                    + "Ask for a shorter range or a larger bucket (bucket=week or bucket=month).");
        }
        return spans;
    }

    /** Each bucket with the counts of its days (a bucket without any counts zero). */
    public static List<ChangeStatsView.Bucket> counted(List<Span> spans, StatsBucket bucket,
                                                       Map<LocalDate, ChangeCounts> days) {
        Map<LocalDate, ChangeCounts> byBucket = new HashMap<>();
        days.forEach((day, counts) -> byBucket.merge(bucket.floor(day), counts, ChangeCounts::plus));
        return spans.stream().map(span -> new ChangeStatsView.Bucket(span.start(), span.end(),
                byBucket.getOrDefault(span.first(), ChangeCounts.ZERO))).toList();
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
