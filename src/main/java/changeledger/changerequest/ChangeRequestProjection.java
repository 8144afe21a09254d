package changeledger.changerequest;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventRow;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the change request index: for every request a batch touches, its stream folded with
 * {@link ChangeRequest#evolve} (the aggregate's own rule, not a second one) and written as one row. Replayable.
 */
@ApplicationScoped
public class ChangeRequestProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "change-requests";

    private final ChangeRequestRepository repository;
    private final EventStore store;
    private final ChangeRequestService service;

    /** Wires the projection. */
    public ChangeRequestProjection(ChangeRequestRepository repository, EventStore store, ChangeRequestService service) {
        this.repository = repository;
        this.store = store;
        this.service = service;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Map<AggregateRef, Long> touched = new LinkedHashMap<>();
        // only which requests changed, and where: the payloads are read with each request's stream below
        for (EventRow row : batch.rows()) {
            if (ChangeRequestEvent.AGGREGATE_TYPE.equals(row.aggregate().type())) {
                touched.put(row.aggregate(), row.position());
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        Map<AggregateRef, List<StoredEvent>> streams = store.readStreams(touched.keySet());
        List<ChangeRequestRepository.Row> rows = new ArrayList<>(touched.size());
        touched.forEach((aggregate, position) -> {
            ChangeRequest request = service.fold(streams.getOrDefault(aggregate, List.of()));
            if (request.exists()) {
                rows.add(new ChangeRequestRepository.Row(request, position));
            }
        });
        repository.upsert(batch.connection(), batch.generation(), rows);
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }
}
