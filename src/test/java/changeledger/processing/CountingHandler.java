package changeledger.processing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A replayable test processor inside Quarkus that counts the events each generation received. */
@ApplicationScoped
public class CountingHandler implements TrackingHandler {

    static final String NAME = "test-counter";

    private final Map<Integer, AtomicLong> counts = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) {
        counts.computeIfAbsent(batch.generation(), g -> new AtomicLong()).addAndGet(batch.events().size());
    }

    long count(int generation) {
        AtomicLong count = counts.get(generation);
        return count == null ? 0 : count.get();
    }
}
