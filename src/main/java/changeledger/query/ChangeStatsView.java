package changeledger.query;

import changeledger.projection.ChangeCounts;
import java.time.Instant;
import java.util.List;

/**
 * The change statistics of a host as the API returns them.
 *
 * @param hostId   the host
 * @param from     the first instant counted
 * @param to       the first instant no longer counted
 * @param bucket   {@code day}, {@code week} or {@code month}
 * @param timeZone the zone of the buckets' days, weeks and months
 * @param buckets  every bucket of the range in order, empty ones included
 */
public record ChangeStatsView(String hostId, Instant from, Instant to, String bucket, String timeZone,
                              List<Bucket> buckets) {

    /**
     * One bucket: its counts inside {@code [start, end)}, which is the bucket cut to the range.
     *
     * @param start  the bucket's first instant, or {@code from} when the range starts inside it
     * @param end    the bucket's end (exclusive), or {@code to} when the range ends inside it
     * @param counts the counts by class, all seven
     */
    public record Bucket(Instant start, Instant end, ChangeCounts counts) {
    }
}
