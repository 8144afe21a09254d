package changeledger.projection;

import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.TaskClassifier;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the event index: one row per event, in gap-safe order, with the facts the audit query filters on.
 * Replayable: a replay rebuilds it in a new generation, e.g. after a host's class table changed. Each batch of the
 * readable generation fires {@link EventIndexAdvanced}, which live streams observe after the commit.
 */
@ApplicationScoped
public class EventIndexProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "event-index";

    private final TaskClassifier classifier;
    private final Event<EventIndexAdvanced> advanced;

    /** Wires the projection. */
    public EventIndexProjection(TaskClassifier classifier, Event<EventIndexAdvanced> advanced) {
        this.classifier = classifier;
        this.advanced = advanced;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        List<StoredEvent> events = batch.events();
        List<EventIndexWriter.Row> rows = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            rows.add(new EventIndexWriter.Row(event.position(), event.txId(), event.type(),
                    event.occurredAt(), EventFacts.of(event, classifier)));
        }
        EventIndexWriter.insert(batch.connection(), batch.generation(), rows);
        if (!batch.replay() && !events.isEmpty()) {
            StoredEvent last = events.get(events.size() - 1);
            advanced.fire(new EventIndexAdvanced(last.txId(), last.position()));
        }
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        EventIndexWriter.deleteGeneration(connection, generation);
    }
}
