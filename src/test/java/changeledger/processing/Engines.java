package changeledger.processing;

import changeledger.support.PlainDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds plain-JDBC processor engines for tests and reads what they produced. */
final class Engines {

    private Engines() {
    }

    /** Settings with the given poll intervals and lease. */
    static EngineSettings settings(String instance, int batchSize, Duration poll, Duration heldBack, Duration lease,
                                   boolean listen) {
        return new EngineSettings(instance, batchSize, poll, heldBack, lease, listen);
    }

    /** Quick defaults: batches of 100, NOTIFY on, polls every 200 ms, a lease of 2 s. */
    static EngineSettings quick(String instance) {
        return settings(instance, 100, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofSeconds(2), true);
    }

    /** A started engine on the database. */
    static ProcessorEngine start(PlainDatabase db, EngineSettings settings, TrackingHandler... handlers) {
        ProcessorEngine engine = new ProcessorEngine(db.dataSource(), new PlainTransactions(db.dataSource()),
                db.reader(), List.of(handlers), settings);
        engine.start();
        return engine;
    }

    /** The event ids a processor delivered to its active generation's rows, in delivery order. */
    static List<UUID> delivered(PlainDatabase db, String processor) throws SQLException {
        return delivered(db, processor, null);
    }

    /** The event ids delivered for one generation (null: any), in delivery order. */
    static List<UUID> delivered(PlainDatabase db, String processor, Integer generation) throws SQLException {
        try (Connection connection = db.connect(); PreparedStatement read = connection.prepareStatement("""
                select event_id from test_projection
                 where processor = ? and (?::int is null or generation = ?::int) order by serial""")) {
            read.setString(1, processor);
            read.setObject(2, generation);
            read.setObject(3, generation);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** The token row of a processor. */
    static Token token(PlainDatabase db, String processor) throws SQLException {
        try (Connection connection = db.connect()) {
            return new TokenRepository().read(connection, processor).orElseThrow();
        }
    }
}
