package changeledger.bench;

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
}
