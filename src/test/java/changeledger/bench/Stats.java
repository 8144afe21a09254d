package changeledger.bench;

import java.util.List;

/**
 * Median, minimum and maximum of the timed rounds.
 *
 * @param median the median (mean of the middle two for an even count)
 * @param min    the lowest value of a round (the slowest round of a rate, the fastest of a latency)
 * @param max    the highest value of a round
 * @param values every round, in order
 */
public record Stats(double median, double min, double max, List<Double> values) {

    /** Summarises the rounds. */
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], List.copyOf(values));
    }
}
