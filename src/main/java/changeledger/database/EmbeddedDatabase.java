package changeledger.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Starts one embedded PostgreSQL per JVM, with a data directory that outlives the process.
 *
 * <p>The JDBC URL is kept in a system property, so a dev-mode restart (a new class loader)
 * finds the server that is already running instead of starting a second one on the same data.
 * The server stops after the application: {@link EmbeddedDatabaseShutdown} marks when the processors have stopped,
 * and a shutdown hook of this class waits for that mark before it stops the server.
 */
public final class EmbeddedDatabase {

    /*
     * The system properties below live outside the "changeledger." namespace: the configuration mappings own that
     * one, and a dev-mode restart refuses to start when a system property there maps to no key.
     */
    /** System property holding the JDBC URL of the running embedded server. */
    public static final String URL_PROPERTY = "changeledger-runtime.embedded-db-url";
    /** System property holding the data directory of the running embedded server. */
    public static final String DIRECTORY_PROPERTY = "changeledger-runtime.embedded-db-directory";
    /** System property set while an application uses the server (across dev-mode class loaders). */
    static final String IN_USE_PROPERTY = "changeledger-runtime.embedded-db-in-use";
    /** The database user of the embedded server (trust authentication, loopback only). */
    public static final String USER = "postgres";
    /** How long the shutdown hook waits for the application to stop using the server. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

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
                    + "or changeledger.embedded-db.enabled=false to forbid this)", dataDirectory.toAbsolutePath());
            EmbeddedPostgres started = builder(dataDirectory, port).start();
            server = started;
            String url = started.getJdbcUrl(USER, "postgres");
            System.setProperty(URL_PROPERTY, url);
            System.setProperty(DIRECTORY_PROPERTY, dataDirectory.toAbsolutePath().toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWhenUnused(started),
                    "embedded-postgres-stop"));
            LOG.infof("Embedded PostgreSQL is running on 127.0.0.1:%d (data directory %s)",
                    started.getPort(), dataDirectory.toAbsolutePath());
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage() + ". Check that the directory is writable and not used by "
                    + "another changeledger process, or configure an external database.", e);
        }
    }

    /**
     * The server's settings: loopback only, and durable commits. The library's defaults turn
     * {@code synchronous_commit} and {@code fsync} off, which an audit log cannot afford: a commit it acknowledged
     * must survive a crash of the machine.
     */
    static EmbeddedPostgres.Builder builder(Path dataDirectory, int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    /** Whether this JVM runs the embedded server. */
    public static boolean isRunning() {
        return System.getProperty(URL_PROPERTY) != null;
    }

    /** Marks that an application uses the server (at start) or has stopped using it (after its processors). */
    static void inUse(boolean inUse) {
        if (inUse) {
            System.setProperty(IN_USE_PROPERTY, "true");
        } else {
            System.clearProperty(IN_USE_PROPERTY);
        }
    }

    /** Stops the server this JVM started now, if it runs. */
    static synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.errorf("Could not stop the embedded PostgreSQL cleanly: %s", e.getMessage());
        } finally {
            server = null;
            System.clearProperty(URL_PROPERTY);
            System.clearProperty(DIRECTORY_PROPERTY);
        }
    }

    /** The shutdown hook: waits until the application has stopped using the server, then stops it. */
    private static void stopWhenUnused(EmbeddedPostgres started) {
        awaitUnused(STOP_WAIT);
        synchronized (EmbeddedDatabase.class) {
            // a dev-mode restart loads this class again, but this hook belongs to the class that started the server
            if (server == started) {
                stop();
            }
        }
    }

    /** Waits until no application uses the server, at most {@code limit}; whether it came to that. */
    static boolean awaitUnused(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.getProperty(IN_USE_PROPERTY) != null) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
