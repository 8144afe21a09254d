package changeledger.processing;

import changeledger.eventstore.seal.SealChain;
import jakarta.enterprise.context.ApplicationScoped;

/** The sealer: appends every event, in gap-safe order, to the seal chain (ADR 0006). Never replayed. */
@ApplicationScoped
public class SealingHandler implements TrackingHandler {

    /** The sealer's processor name. */
    public static final String NAME = "seal-chain";

    private final SealChain chain = new SealChain();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        chain.seal(batch.connection(), batch.storedEvents());
    }

    /**
     * The sealer's cost is per event (it parses and hashes each one as stored), not per batch, so a large page would
     * buy it nothing but memory.
     */
    @Override
    public int maxBatchSize() {
        return PER_EVENT_BATCH_SIZE;
    }

    @Override
    public boolean replayable() {
        return false;
    }
}
