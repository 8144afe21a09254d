package changeledger.processing;

import changeledger.eventstore.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test projection: one row per delivered event in {@code test_projection}, tagged with the
 * processor, the generation and a serial that records delivery order. Can fail half way through a batch.
 */
final class RecordingHandler implements TrackingHandler {

    static final String TABLE = """
            create table if not exists test_projection (
                serial     bigint generated always as identity primary key,
                processor  text    not null,
                generation integer not null,
                position   bigint  not null,
                event_id   uuid    not null)
            """;

    private static final String INSERT = """
            insert into test_projection (processor, generation, position, event_id)
            select ?, ?, p, e from unnest(?::bigint[], ?::uuid[]) with ordinality as x(p, e, ord) order by ord
            """;

    private final String name;
    private final Predicate<StoredEvent> failOn;
    final AtomicInteger failures = new AtomicInteger();

    RecordingHandler(String name) {
        this(name, e -> false);
    }

    RecordingHandler(String name, Predicate<StoredEvent> failOn) {
        this.name = name;
        this.failOn = failOn;
    }

    /** A fresh migrated database with the recording projection's table. */
    static changeledger.support.PlainDatabase freshDatabase() throws SQLException {
        changeledger.support.PlainDatabase db = changeledger.support.PlainDatabase.migrated();
        try (Connection connection = db.connect()) {
            createTable(connection);
        }
        return db;
    }

    static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        List<StoredEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            if (failOn.test(events.get(i))) {
                write(batch, events.subList(0, i));
                failures.incrementAndGet();
                throw new IllegalStateException("handler fails at position " + events.get(i).position());
            }
        }
        write(batch, events);
    }

    @Override
    public void prepareReplay(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from test_projection where processor = ? and generation = ?")) {
            delete.setString(1, name);
            delete.setInt(2, generation);
            delete.executeUpdate();
        }
    }

    @Override
    public void switchOver(Connection connection, int oldGeneration, int newGeneration) throws SQLException {
        prepareReplay(connection, oldGeneration);
    }

    private void write(ProcessingBatch batch, List<StoredEvent> events) throws SQLException {
        Connection connection = batch.connection();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, name);
            insert.setInt(2, batch.generation());
            insert.setArray(3, connection.createArrayOf("bigint", events.stream().map(StoredEvent::position).toArray()));
            insert.setArray(4, connection.createArrayOf("uuid", events.stream().map(StoredEvent::id).toArray()));
            insert.executeUpdate();
        }
    }
}
