package changeledger.bench;

import java.util.List;

/**
 * One benchmark: a data set loaded once, the paths measured over it each round, and the ratios between them.
 *
 * <p>Benchmarks plug in by implementing this and being listed in {@link BenchMain}.
 */
public interface Benchmark {

    /** Short name, used as the prefix of its paths' names. */
    String name();

    /** One line on what is measured, for the table. */
    String description();

    /** Builds and loads the data set, once, before the warm-up. */
    void load(BenchDatabase database) throws Exception;

    /** The paths measured in every round, in their first round's order. */
    List<MeasuredPath> paths();

    /** The ratios this benchmark reports; each names a project path over its reference. */
    List<Ratio> ratios();

    /** Whether this benchmark can run here; when not, it is listed as not measured, with {@link #skipReason()}. */
    default boolean available() {
        return true;
    }

    /** Why it cannot run, when {@link #available()} is false. */
    default String skipReason() {
        return "";
    }

    /** Releases connections (and stops what it started) after the last round. */
    default void close() throws Exception {
    }

    /** Figures besides the paths' rates (e.g. a service's memory), read after {@link #close()}. */
    default List<Extra> extras() {
        return List.of();
    }

    /** What this benchmark could not measure, with the reason; read after {@link #close()}. */
    default List<String> notMeasured() {
        return List.of();
    }

    /** A figure printed as {@code bench: <name> <value> <unit>}, with a line on what it is. */
    record Extra(String name, long value, String unit, String label) {
    }

    /** A project path divided by its reference: {@code name = numerator / denominator} of the medians. */
    record Ratio(String name, String numerator, String denominator) {
    }
}
