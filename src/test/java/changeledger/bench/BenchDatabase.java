package changeledger.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The benchmark's own database: created fresh on the given server, migrated by the project's Flyway
 * migrations (the real {@code domain_event} with its triggers), plus the reference twin table.
 */
public final class BenchDatabase implements AutoCloseable {

    /** The reference table: same columns, defaults, identity, constraints and indexes; no triggers. */
    public static final String TWIN = "domain_event_twin";

    private static final String[] SETTINGS = {
        "synchronous_commit", "fsync", "full_page_writes", "wal_sync_method", "wal_level", "shared_buffers",
        "work_mem", "max_wal_size", "checkpoint_timeout", "autovacuum", "jit"
    };

    private final BenchOptions options;
    private final String url;
    private boolean canCheckpoint = true;

    private BenchDatabase(BenchOptions options, String url) {
        this.options = options;
        this.url = url;
    }

    /** Drops and creates the bench database, migrates it and creates the twin. */
    public static BenchDatabase create(BenchOptions options) throws SQLException {
        try (Connection admin = DriverManager.getConnection(options.serverUrl(), options.user(), options.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + options.databaseName() + " with (force)");
            statement.execute("create database " + options.databaseName());
        }
        BenchDatabase database = new BenchDatabase(options, urlFor(options.serverUrl(), options.databaseName()));
        database.migrate();
        return database;
    }

    /**
     * Starts the bench database over: every table, projection and token dropped (with the schema), then migrated
     * again and the twin created, as after {@link #create}. For a benchmark that needs a service on an empty store
     * after another benchmark's service wrote hosts, keys, projections and tokens.
     */
    public void freshSchema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema public cascade");
            statement.execute("create schema public");
            connection.commit();
        }
        migrate();
        settle();
    }

    private void migrate() throws SQLException {
        Flyway.configure()
                .dataSource(url, options.user(), options.password())
                .locations("classpath:db/migration")
                .baselineOnMigrate(false)
                .load()
                .migrate();
        execute("create table " + TWIN + " (like domain_event including all)");
    }

    /** The bench database's JDBC URL. */
    public String jdbcUrl() {
        return url;
    }

    /** The PostgreSQL user. */
    public String user() {
        return options.user();
    }

    /** Its password, empty for trust. */
    public String password() {
        return options.password();
    }

    /** A plain DataSource on the bench database (a new connection per call, as the processor engine expects). */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(options.user());
        dataSource.setPassword(options.password());
        return dataSource;
    }

    /** A new connection, auto-commit off. */
    public Connection connect() throws SQLException {
        return connect("");
    }

    /** A new connection with JDBC URL parameters (e.g. {@code reWriteBatchedInserts=true}), auto-commit off. */
    public Connection connect(String parameters) throws SQLException {
        String full = parameters.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + parameters;
        Connection connection = DriverManager.getConnection(full, options.user(), options.password());
        connection.setAutoCommit(false);
        return connection;
    }

    /** Runs one statement in its own transaction. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
        }
    }

    /**
     * Empties {@code domain_event} between rounds. Its truncate trigger is switched off for this statement
     * only, inside the same transaction; every measured append runs with all triggers in place.
     */
    public void resetEvents() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("alter table domain_event disable trigger domain_event_no_truncate");
            statement.execute("truncate domain_event restart identity");
            statement.execute("alter table domain_event enable trigger domain_event_no_truncate");
            connection.commit();
        }
        settle();
    }

    /** Empties the twin between rounds. */
    public void resetTwin() throws SQLException {
        execute("truncate " + TWIN + " restart identity");
        settle();
    }

    /**
     * Starts every timed round from the same place: a checkpoint, so no path pays for the previous
     * path's dirty pages. Skipped (with a note) when the user may not checkpoint.
     */
    public void settle() throws SQLException {
        if (!canCheckpoint) {
            return;
        }
        try {
            execute("checkpoint");
        } catch (SQLException e) {
            canCheckpoint = false;
            System.err.println("# note: cannot CHECKPOINT between rounds (" + e.getMessage().trim() + ")");
        }
    }

    /** {@code count} connections in autocommit mode, e.g. one per concurrent worker of a SQL reference path. */
    public List<Connection> autoCommitConnections(int count) throws SQLException {
        List<Connection> connections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Connection connection = connect();
            connection.setAutoCommit(true);
            connections.add(connection);
        }
        return connections;
    }

    /** Vacuums and analyses a table after a load, so reads do not pay for hint bits. */
    public void vacuum(String table) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum (analyze) " + table);
            }
        }
        settle();
    }

    /** The server version and the settings that decide write and read speed. */
    public Map<String, String> serverFacts() throws SQLException {
        Map<String, String> facts = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("show server_version")) {
                rs.next();
                facts.put("server_version", rs.getString(1));
            }
            for (String setting : SETTINGS) {
                try (ResultSet rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    facts.put(setting, rs.getString(1));
                }
            }
            connection.commit();
        }
        return facts;
    }

    /** Drops the bench database unless the options keep it. */
    @Override
    public void close() throws SQLException {
        if (options.keepDatabase()) {
            System.err.println("# kept database " + options.databaseName());
            return;
        }
        try (Connection admin = DriverManager.getConnection(options.serverUrl(), options.user(), options.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + options.databaseName() + " with (force)");
        }
    }

    static String urlFor(String serverUrl, String database) {
        String prefix = "jdbc:postgresql://";
        if (!serverUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("expected a jdbc:postgresql:// URL, got " + serverUrl);
        }
        int slash = serverUrl.indexOf('/', prefix.length());
        int query = serverUrl.indexOf('?');
        String rest = query < 0 ? "" : serverUrl.substring(query);
        String hostPort = slash < 0 ? (query < 0 ? serverUrl : serverUrl.substring(0, query))
                : serverUrl.substring(0, slash);
        return hostPort + "/" + database + rest;
    }
}
