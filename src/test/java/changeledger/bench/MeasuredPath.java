package changeledger.bench;

import java.util.List;

/** One way of doing a benchmark's work: the project's path or a PostgreSQL reference. */
public interface MeasuredPath {

    /** The name printed in {@code bench:} lines, e.g. {@code append_batch_eventstore}. */
    String name();

    /** What one unit of work is: {@code events/s} for the project, {@code rows/s} for a reference. */
    String unit();

    /** What the path does, for the table and RESULTS.md. */
    String label();

    /** Untimed: puts the database back into the state every round starts from. */
    void prepare() throws Exception;

    /** Timed: does the work once and returns how many events or rows it handled. */
    long run() throws Exception;

    /**
     * Figures of the last {@link #run()} besides its rate (e.g. latency percentiles, the service's memory), each
     * summarised over the timed rounds like the rate; none by default.
     */
    default List<Figure> lastRunFigures() {
        return List.of();
    }

    /**
     * One figure of one run, printed as {@code bench: <name> <value> <unit>} (the median over the timed rounds).
     *
     * @param name  e.g. {@code query_events_p99}
     * @param unit  e.g. {@code ms} or {@code KiB}
     * @param label what it is, for the table
     * @param value this run's value
     */
    record Figure(String name, String unit, String label, double value) {
    }
}
