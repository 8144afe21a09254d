package changeledger.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the drills' own, made by {@code initdb} in a temporary directory and run by
 * {@code pg_ctl} on a port of its own, so a drill can stop, restart and cut it without touching any other server.
 * Its binaries are those of {@code BENCH_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}. PostgreSQL
 * refuses to run as root: as root the cluster belongs to, and runs as, the {@code postgres} user ({@code runuser}).
 * Trust authentication on 127.0.0.1 only; {@link #close()} stops it and deletes the directory. The data directory
 * is written to {@link #DIR_FILE} while it runs, so {@code bench/run.sh} can stop it when the drill's JVM dies.
 */
public final class TempCluster implements AutoCloseable {

    /** Where a running cluster's directory is recorded for {@code bench/run.sh}. */
    public static final Path DIR_FILE = Path.of("target", "bench-cluster.dir");

    /** The superuser of the cluster. */
    public static final String USER = "postgres";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asPostgres;
    private final Thread shutdownHook;

    private TempCluster(Path bin, Path root, int port, boolean asPostgres) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asPostgres = asPostgres;
        this.shutdownHook = new Thread(this::stopQuietly, "bench-cluster-stop");
    }

    /** Creates and starts a cluster on the first free port from {@code firstPort} to {@code lastPort}. */
    public static TempCluster start(int firstPort, int lastPort) throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("changeledger-drill-pg-");
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName(USER));
            GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
            view.setGroup(group);
        }
        TempCluster cluster = new TempCluster(bin, dir, freePort(firstPort, lastPort), root);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.run(60, bin.resolve("initdb").toString(), "-D", cluster.data.toString(), "-U", USER,
                    "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C");
            Files.writeString(cluster.data.resolve("postgresql.auto.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + cluster.port,
                    "unix_socket_directories = '" + dir + "'",
                    "max_connections = 100",
                    "shared_buffers = '64MB'",
                    "logging_collector = off",
                    "") , java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(DIR_FILE, cluster.data.toString());
            cluster.startServer();
            BenchRunner.log("cluster: PostgreSQL of %s on 127.0.0.1:%d in %s", bin, cluster.port, cluster.data);
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** The JDBC URL of {@code database} on this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The cluster's port. */
    public int port() {
        return port;
    }

    /** A new connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Creates {@code database}. */
    public void createDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
    }

    /** {@code pg_ctl start -w}: returns once the server accepts connections. */
    public void startServer() throws Exception {
        run(120, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
                "-w", "-t", "110", "start");
    }

    /** {@code pg_ctl stop -m fast -w}: sessions are ended, and the server is down when this returns. */
    public void stopServer() throws Exception {
        run(120, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "110", "stop");
    }

    /** {@code pg_ctl restart -m fast -w}: returns once the server accepts connections again. */
    public void restartServer() throws Exception {
        run(120, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("server.log").toString(),
                "-m", "fast", "-w", "-t", "110", "restart");
    }

    /** Ends every session on {@code database} but the caller's with {@code pg_terminate_backend}; answers how many. */
    public int terminateBackends(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                     + " where datname = '" + database + "' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The server's log, for a drill that failed. */
    public Path serverLog() {
        return root.resolve("server.log");
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already: the hook stops the server
        }
    }

    private synchronized void stopQuietly() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(60, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (Exception e) {
            System.err.println("# cluster: could not stop " + data + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            Files.deleteIfExists(DIR_FILE);
        } catch (IOException e) {
            System.err.println("# cluster: could not delete " + root + ": " + e.getMessage());
        }
    }

    private void run(int timeoutSeconds, String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (asPostgres) {
            line.addAll(List.of("runuser", "-u", USER, "--"));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile("changeledger-drill-pgctl-", ".txt");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile())
                    .directory(root.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " took over " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path binaries() {
        String configured = System.getenv("BENCH_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparingInt(TempCluster::version))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + debian + ": set BENCH_PG_BIN"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL under " + debian + ": set BENCH_PG_BIN", e);
        }
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first port from {@code first} to {@code last} nobody listens on. */
    static int freePort(int first, int last) {
        for (int port = first; port <= last; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // try the next
            }
        }
        throw new IllegalStateException("no free port from " + first + " to " + last);
    }

    /** The options of a drill on a cluster of its own: only {@code --quick}, which this says was given. */
    static boolean quickOnly(String[] args) {
        boolean quick = false;
        for (String arg : args) {
            if (!arg.equals("--quick")) {
                throw new IllegalArgumentException("unknown option " + arg + " (known: --quick)");
            }
            quick = true;
        }
        return quick;
    }
}
