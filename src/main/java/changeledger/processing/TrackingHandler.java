package changeledger.processing;

import java.sql.Connection;
import java.util.List;

/**
 * What a tracking processor feeds: a CDI bean (in Quarkus) or a plain object (on a DataSource),
 * one per processor. Its writes join the batch transaction, which also stores the token.
 */
public interface TrackingHandler {

    /**
     * A batch cap for handlers whose cost is per event (read models, the sealer): beyond it a large page buys them
     * nothing but memory during a catch-up (ADR 0060).
     */
    int PER_EVENT_BATCH_SIZE = 1_000;

    /** The processor's name: unique, stable (its token row is keyed by it), URL-safe. */
    String name();

    /**
     * Applies one batch in the batch transaction: write through {@link ProcessingBatch#connection()}
     * (or, in Quarkus, the default datasource or Panache, which join the same transaction), tagging rows with
     * {@link ProcessingBatch#generation()} when the read model supports replay. Throwing rolls the
     * whole batch back, token included; the batch is retried.
     */
    void handle(ProcessingBatch batch) throws Exception;

    /**
     * The most events this handler takes in one batch; the engine's {@code batch-size} applies where it is smaller.
     * A handler that gains nothing from large batches caps them to keep the memory of a catch-up small.
     */
    default int maxBatchSize() {
        return Integer.MAX_VALUE;
    }

    /**
     * Processors whose output this handler reads while it decides (e.g. read models it queries): the engine gives it
     * only events that all of them have processed, and holds it back while one lags behind. Empty: no bound.
     */
    default List<String> dependsOn() {
        return List.of();
    }

    /** Whether a replay may rebuild this processor's output; append-only outputs answer false. */
    default boolean replayable() {
        return true;
    }

    /** Before a replay builds {@code generation}: e.g. clear leftovers of an earlier, abandoned build of it. */
    default void prepareReplay(Connection connection, int generation) throws Exception {
    }

    /**
     * In the transaction that makes {@code newGeneration} the one readers see: e.g. drop the rows of
     * {@code oldGeneration}, or swap tables.
     */
    default void switchOver(Connection connection, int oldGeneration, int newGeneration) throws Exception {
    }
}
