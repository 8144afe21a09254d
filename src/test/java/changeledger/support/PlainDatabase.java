package changeledger.support;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.AppendResult;
import changeledger.eventstore.EventReader;
import changeledger.eventstore.EventRepository;
import changeledger.eventstore.NewEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh, migrated database used over plain JDBC, without Quarkus (as the benchmark harness does). */
public final class PlainDatabase implements AutoCloseable {

    private final TestPostgres.Database database;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final EventRepository repository = new EventRepository(mapper);

    private PlainDatabase(TestPostgres.Database database) {
        this.database = database;
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
    }

    /** Creates a database and runs the service's migrations on it. */
    public static PlainDatabase migrated() {
        PlainDatabase db = new PlainDatabase(TestPostgres.freshDatabase());
        Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** Its DataSource (a new connection per call). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Its JDBC URL. */
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** A reader without upcasters. */
    public EventReader reader() {
        return new EventReader(mapper, List.of());
    }

    /** A new connection in autocommit mode. */
    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** Appends events to a new stream on the connection, in its current transaction. */
    public AppendResult append(Connection connection, AggregateRef aggregate, List<NewEvent> events)
            throws SQLException {
        return repository.append(connection, List.of(new AppendRequest(aggregate, AppendRequest.NEW_STREAM, events)),
                TestEvents.metadata("plain"));
    }

    /** Appends events to a new stream in a transaction of its own. */
    public AppendResult appendCommitted(AggregateRef aggregate, List<NewEvent> events) throws SQLException {
        try (Connection connection = connect()) {
            return append(connection, aggregate, events);
        }
    }

    /** Runs SQL as the (superuser) test user with every trigger off: how an attacker would tamper. */
    public void tamper(String sql) throws SQLException {
        try (Connection connection = connect()) {
            tamper(connection, sql);
        }
    }

    /**
     * Runs SQL on {@code connection} in one transaction with every trigger off (the immutability triggers too), as a
     * superuser can: how an attacker would change a sealed event.
     */
    public static void tamper(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local session_replication_role = replica");
            statement.execute(sql);
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Runs SQL and returns the first column of the first row as a long. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a statement. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        TestPostgres.drop(database);
    }
}
