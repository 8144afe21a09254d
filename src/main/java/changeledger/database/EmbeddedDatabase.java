package changeledger.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts one embedded PostgreSQL per JVM, with a data directory that outlives the process.
 *
 * <p>The JDBC URL is kept in a system property, so a dev-mode restart (a new class loader)
 * finds the server that is already running instead of starting a second one on the same data.
 */
public final class EmbeddedDatabase {

    /** System property holding the JDBC URL of the running embedded server. */
    public static final String URL_PROPERTY = "changeledger.embedded-db.running-url";
    /** System property holding the data directory of the running embedded server. */
    public static final String DIRECTORY_PROPERTY = "changeledger.embedded-db.running-directory";
    /** The database user of the embedded server (trust authentication, loopback only). */
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /** The JDBC URL of the embedded server, started on first call. */
    public static synchronized String jdbcUrl(Path dataDirectory, int port) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            Files.createDirectories(dataDirectory);
            LOG.infof("No datasource URL is configured: starting the embedded PostgreSQL with data in %s "
                    + "(set QUARKUS_DATASOURCE_JDBC_URL to use an external server, "
                    + "or changeledger.embedded-db.enabled=false to forbid this)", dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setRegisterShutdownHook(true);
            if (port > 0) {
                builder.setPort(port);
            }
            server = builder.start();
            String url = server.getJdbcUrl(USER, "postgres");
            System.setProperty(URL_PROPERTY, url);
            System.setProperty(DIRECTORY_PROPERTY, dataDirectory.toAbsolutePath().toString());
            LOG.infof("Embedded PostgreSQL is running on 127.0.0.1:%d (data directory %s)",
                    server.getPort(), dataDirectory.toAbsolutePath());
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage() + ". Check that the directory is writable and not used by "
                    + "another changeledger process, or configure an external database.", e);
        }
    }

    /** Whether this JVM runs the embedded server. */
    public static boolean isRunning() {
        return System.getProperty(URL_PROPERTY) != null;
    }
}
