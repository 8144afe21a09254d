package changeledger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of one round's request latencies, by the nearest-rank method: the p-th percentile is the
 * smallest latency that at least p % of the requests did not exceed (so p99 of 100 requests is the 99th
 * fastest, never an interpolated value no request had).
 *
 * @param count  requests measured
 * @param p50Ms  median latency in milliseconds
 * @param p99Ms  99th percentile in milliseconds
 * @param maxMs  slowest request in milliseconds
 */
public record Latencies(int count, double p50Ms, double p99Ms, double maxMs) {

    /** Summarises latencies given in nanoseconds. */
    public static Latencies ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no requests");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted.length, rank(sorted, 0.50) / 1e6, rank(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    /**
     * The three figures of a latency path: {@code <prefix>_p50}, {@code _p99} and {@code _max} in ms, described as
     * "median", "99th percentile" and "slowest" followed by {@code of} (e.g. "of GET ... latencies in a round").
     */
    List<MeasuredPath.Figure> figures(String prefix, String of) {
        return List.of(new MeasuredPath.Figure(prefix + "_p50", "ms", "median " + of, p50Ms),
                new MeasuredPath.Figure(prefix + "_p99", "ms", "99th percentile " + of, p99Ms),
                new MeasuredPath.Figure(prefix + "_max", "ms", "slowest " + of, maxMs));
    }

    /**
     * The figures of a path whose requests run one after the other: {@code <prefix>_ms} (the median) and
     * {@code <prefix>_max} in ms, described as "median" and "slowest" followed by {@code of}.
     */
    List<MeasuredPath.Figure> medianAndMax(String prefix, String of) {
        return List.of(new MeasuredPath.Figure(prefix + "_ms", "ms", "median " + of, p50Ms),
                new MeasuredPath.Figure(prefix + "_max", "ms", "slowest " + of, maxMs));
    }

    /** The nearest-rank percentile {@code p} (0 &lt; p &lt;= 1) of sorted values. */
    static long rank(long[] sorted, double p) {
        if (p <= 0 || p > 1) {
            throw new IllegalArgumentException("percentile out of (0, 1]: " + p);
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
