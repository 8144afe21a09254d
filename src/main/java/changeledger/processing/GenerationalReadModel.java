package changeledger.processing;

import java.sql.Connection;

/**
 * A read model whose rows carry the replay generation (ADR 0005): it takes per-event-sized batches, a replay first
 * clears what an abandoned build of its generation left, and the switch-over drops the old generation's rows.
 */
public abstract class GenerationalReadModel implements TrackingHandler {

    /** Deletes every row of one generation, in the batch or replay transaction. */
    protected abstract void deleteGeneration(Connection connection, int generation) throws Exception;

    /** A read model's cost is per event: pages of {@link #PER_EVENT_BATCH_SIZE} keep a catch-up's memory small. */
    @Override
    public int maxBatchSize() {
        return PER_EVENT_BATCH_SIZE;
    }

    @Override
    public void prepareReplay(Connection connection, int generation) throws Exception {
        deleteGeneration(connection, generation);
    }

    @Override
    public void switchOver(Connection connection, int oldGeneration, int newGeneration) throws Exception {
        deleteGeneration(connection, oldGeneration);
    }
}
