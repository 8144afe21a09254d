package changeledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where tests get PostgreSQL (ADR 0003): {@code TEST_DATABASE_URL} if set, else Testcontainers when a
 * Docker engine answers, else an embedded PostgreSQL. Each call to {@link #freshDatabase()} creates a
 * new, empty database on that server, so no test sees data another run left behind.
 */
public final class TestPostgres {

    /** A database the tests may use. */
    public record Database(String jdbcUrl, String user, String password, String name) {

        /** A new connection to it. */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    private static Server server;

    private TestPostgres() {
    }

    /** Creates an empty database on the test server. */
    public static synchronized Database freshDatabase() {
        if (server == null) {
            server = startServer();
        }
        String name = "changeledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + server.adminUrl()
                    + " (the user needs CREATEDB): " + e.getMessage(), e);
        }
        return new Database(server.urlFor(name), server.user(), server.password(), name);
    }

    /** Drops a database created by {@link #freshDatabase()}. */
    public static synchronized void drop(Database database) {
        if (server == null) {
            return;
        }
        try (Connection admin = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database.name() + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database.name() + ": " + e.getMessage());
        }
    }

    /** Runs a statement on the test server's maintenance database as its admin user (roles are server-wide). */
    public static synchronized void executeAsAdmin(String sql) throws SQLException {
        if (server == null) {
            server = startServer();
        }
        try (Connection admin = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Which kind of server the tests use. */
    public static synchronized String describe() {
        return server == null ? "none yet" : server.kind();
    }

    private static Server startServer() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            String user = env("TEST_DATABASE_USER", "postgres");
            String password = env("TEST_DATABASE_PASSWORD", "");
            return new Server("TEST_DATABASE_URL", url, user, password);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Server("testcontainers", container.getJdbcUrl(), container.getUsername(),
                    container.getPassword());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return new Server("embedded", embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("No TEST_DATABASE_URL, no Docker, and the embedded PostgreSQL "
                    + "did not start", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    private record Server(String kind, String adminUrl, String user, String password) {

        String urlFor(String database) {
            int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = adminUrl.indexOf('?', slash);
            String rest = query < 0 ? "" : adminUrl.substring(query);
            return adminUrl.substring(0, slash + 1) + database.toLowerCase(Locale.ROOT) + rest;
        }
    }
}
