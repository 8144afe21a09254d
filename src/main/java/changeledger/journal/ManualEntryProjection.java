package changeledger.journal;

import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventRow;
import changeledger.eventstore.StoredEvent;
import changeledger.journal.ManualEntryEvent.ManualEntryRecorded;
import changeledger.journal.ManualEntryEvent.ManualEntryRetracted;
import changeledger.processing.GenerationalReadModel;
import changeledger.processing.ProcessingBatch;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Map;

/** Feeds the manual entry index from the entries' events: a row when recorded, marked when retracted. Replayable. */
@ApplicationScoped
public class ManualEntryProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "manual-entries";

    private static final String INSERT = """
            insert into manual_entry_index (generation, host_id, entry_id, kind, occurred_at, tx_id, position)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (generation, host_id, entry_id) do nothing
            """;
    private static final String RETRACT = """
            update manual_entry_index set retracted = true where generation = ? and host_id = ? and entry_id = ?
            """;
    private static final String DELETE_GENERATION = "delete from manual_entry_index where generation = ?";

    private final EventCodec<ManualEntryEvent> codec;

    /** Wires the projection. */
    public ManualEntryProjection(ObjectMapper mapper) {
        this.codec = new EventCodec<>(ManualEntryEvent.class, mapper, Map.of());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        if (batch.rows().stream().map(EventRow::aggregate)
                .noneMatch(a -> ManualEntryEvent.AGGREGATE_TYPE.equals(a.type()))) {
            return;
        }
        Connection connection = batch.connection();
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement retract = connection.prepareStatement(RETRACT)) {
            for (StoredEvent event : batch.events()) {
                if (!ManualEntryEvent.AGGREGATE_TYPE.equals(event.aggregate().type()) || !codec.knows(event.type())) {
                    continue;
                }
                ManualEntryEvent decoded = codec.decode(event);
                if (decoded instanceof ManualEntryRecorded recorded) {
                    insert.setInt(1, batch.generation());
                    insert.setString(2, recorded.hostId());
                    insert.setString(3, recorded.entryId());
                    insert.setString(4, recorded.kind().wireName());
                    insert.setObject(5, recorded.occurredAt().atOffset(ZoneOffset.UTC));
                    insert.setLong(6, event.txId());
                    insert.setLong(7, event.position());
                    insert.executeUpdate();
                } else if (decoded instanceof ManualEntryRetracted retracted) {
                    retract.setInt(1, batch.generation());
                    retract.setString(2, retracted.hostId());
                    retract.setString(3, retracted.entryId());
                    retract.executeUpdate();
                }
            }
        }
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_GENERATION)) {
            delete.setInt(1, generation);
            delete.executeUpdate();
        }
    }
}
