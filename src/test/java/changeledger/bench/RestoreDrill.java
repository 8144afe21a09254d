package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run.sh --drill-restore [--quick]}: the backup and restore procedure of docs/operations.md, run for
 * real. One node's tasks are loaded through the packaged service in several uploads (more than Proxmox's own task
 * history of about 1,000 keeps), and each is checked to be kept and listed; the monthly report (JSON and HTML) and
 * a seal checkpoint are taken; {@code pg_dump -Fc} dumps the database while the service runs. The dump is restored
 * with {@code pg_restore} into a new database of the same cluster and into a new cluster ({@code initdb}, its
 * transaction counter first moved past the source's with {@code pg_resetwal}); on each the service starts, every
 * projection is replayed, the report must be the same bytes (apart from its {@code generatedAt}), and the seal
 * chain must verify against the checkpoint, in the service and with the offline verifier. Prints each check and
 * {@code N passed, N failed}; exits non-zero on a failure.
 */
public final class RestoreDrill {

    private static final String HOST = "keep";
    private static final String NODE = "pve-keep";
    private static final String FROM = "2026-01-01";
    private static final String TO = "2026-12-01";
    private static final String MONTH = "2026-06";
    private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
            "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11");
    /** PostgreSQL's server programs (initdb, pg_ctl, pg_resetwal): {@code DRILL_PG_BIN}, else Debian's newest. */
    private static final Path PG_BIN = pgBin();
    /** Where the readers' answers are kept, to compare by hand when a check fails. */
    private static final Path VIEWS = Path.of("target", "drill-restore");
    private static final Duration CATCH_UP = Duration.ofMinutes(20);

    private final BenchOptions options;
    private final DrillSupport drill = new DrillSupport("drill-restore");
    private final List<String> databases = new ArrayList<>();
    private String currentUrl;
    private Path dump;
    private Path cluster;
    private int tasks;
    private String firstUpid;
    private byte[] reportJson;
    private byte[] reportHtml;
    private Map<String, String> view;
    private long checkpointPosition;
    private String checkpointHash;
    private long maxTxId;

    private RestoreDrill(BenchOptions options) {
        this.options = options;
    }

    /** Runs the drill; takes the options of {@code bench/run.sh} for the database ({@code --quick}, {@code --db-name}). */
    public static void main(String[] args) throws Exception {
        RestoreDrill restore = new RestoreDrill(BenchOptions.parse(args, System.getenv()));
        try {
            restore.run();
        } catch (Exception e) {
            restore.drill.expect("the drill ran to its end", false, e.toString());
        } finally {
            restore.cleanUp();
        }
        System.exit(restore.drill.finish());
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        String source = options.databaseName();
        String sourceUrl = BenchDatabase.urlFor(options.serverUrl(), source);
        createDatabase(options.serverUrl(), source);
        currentUrl = sourceUrl;
        try (ServiceProcess service = ServiceProcess.start(sourceUrl, options.user(), options.password(),
                BenchMain.MAPPER)) {
            load(service);
            dump(source);
        }

        String restored = source + "_restored";
        String restoredUrl = BenchDatabase.urlFor(options.serverUrl(), restored);
        createDatabase(options.serverUrl(), restored);
        restore(restoredUrl, restored, "a new database of the same cluster");
        checkRestored(restoredUrl, "the same cluster");

        String unmoved = freshCluster(false);
        restore(unmoved, "changeledger", "a new cluster, its transaction counter not moved");
        long counter = countAt(unmoved, "select pg_current_xact_id()::text::bigint");
        StringBuilder out = new StringBuilder();
        int exit = command(offlineVerifier(unmoved), out);
        if (counter <= maxTxId) {
            drill.expect("without moving the counter the offline verifier reports the restore as broken (the events"
                    + " lie above the new cluster's safe head)", exit == 1, String.format("counter %d, newest tx_id %d;"
                    + " exit %d: %s", counter, maxTxId, exit, out.toString().trim().replace('\n', ' ')));
        } else {
            drill.note("the new cluster's counter (%d) is past the newest tx_id (%d) already: nothing to see without"
                    + " moving it", counter, maxTxId);
        }
        stopCluster();

        String fresh = freshCluster(true);
        restore(fresh, "changeledger", "a new cluster");
        checkRestored(fresh, "a new cluster");
        drill.note("took %.1f s", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Uploads the node's tasks in several uploads, each later than the one before, and checks each upload's tasks
     * are all kept and listed; then takes the report, the readers' view and a checkpoint.
     */
    private void load(ServiceProcess service) throws Exception {
        int uploads = options.quick() ? 4 : 10;
        int perUpload = options.quick() ? 500 : 2_000;
        tasks = uploads * perUpload;
        service.registerHost(HOST, NODE);
        String key = service.createIngesterKey(HOST);
        TaskLineGenerator generator = new TaskLineGenerator(NODE, 1053, Instant.parse(FROM + "T00:00:00Z"),
                TaskLineGenerator.gapSpreadFor(tasks, Duration.ofDays(330)));
        String first = null;
        for (int u = 1; u <= uploads; u++) {
            StringBuilder body = new StringBuilder();
            for (String line : generator.indexLines(perUpload)) {
                body.append(line).append('\n');
                first = first == null ? line : first;
            }
            JsonNode answer = service.ingestTaskIndex(HOST, key, body.toString());
            if (answer.path("accepted").asInt() != perUpload) {
                drill.expect("upload " + u + " is taken whole", false, answer.toString());
            }
        }
        firstUpid = first.substring(0, first.indexOf(' '));
        drill.note("uploaded %,d tasks of node %s in %d uploads of %,d", tasks, NODE, uploads, perUpload);
        drill.expect("the processors catch up", DrillSupport.awaitCaughtUp(service, CATCH_UP),
                DrillSupport.lags(service));
        checkKept(service, "in the source database");

        reportJson = DrillSupport.body(service, "/api/v1/reports/stability/" + MONTH + "?host=" + HOST,
                "application/json");
        reportHtml = DrillSupport.body(service, "/api/v1/reports/stability/" + MONTH + "?host=" + HOST, "text/html");
        view = DrillSupport.readerView(service, HOST, FROM, TO, MONTHS, VIEWS.resolve("source"));
        JsonNode checkpoint = service.get("/api/v1/events/checkpoint");
        checkpointPosition = checkpoint.path("position").asLong();
        checkpointHash = checkpoint.path("hash").asText();
        drill.note("report %s: %,d bytes of JSON, %,d of HTML; checkpoint at seal %d, %s", MONTH, reportJson.length,
                reportHtml.length, checkpointPosition, checkpointHash);
        maxTxId = countAt(currentUrl, "select max(tx_id)::text::bigint from domain_event");
    }

    /** Every task kept (the retention promise): the store, the task view and the statistics each hold all of them. */
    private void checkKept(ServiceProcess service, String where) throws Exception {
        long stored = count(service, "select count(*) from domain_event where event_type = 'ProxmoxTaskStarted'"
                + " and aggregate_id like '" + HOST + "/%'");
        drill.expect("every task of the node is stored " + where, stored == tasks,
                String.format("%,d of %,d (Proxmox's own history keeps about 1,000)", stored, tasks));
        long listed = DrillSupport.taskCount(service, HOST);
        drill.expect("the task view lists every task " + where, listed == tasks,
                String.format("%,d of %,d", listed, tasks));
        JsonNode oldest = service.get("/api/v1/hosts/" + HOST + "/tasks?limit=1");
        drill.expect("the first upload's first task is still listed first " + where,
                firstUpid.equals(oldest.path("items").path(0).path("upid").asText()),
                oldest.path("items").path(0).path("upid").asText());
        JsonNode stats = service.get("/api/v1/hosts/" + HOST + "/stats?from=" + FROM + "&to=" + TO + "&bucket=month");
        long counted = 0;
        for (JsonNode bucket : stats.path("buckets")) {
            for (JsonNode n : bucket.path("counts")) {
                counted += n.asLong();
            }
        }
        drill.expect("the statistics count every task " + where, counted == tasks,
                String.format("%,d of %,d", counted, tasks));
    }

    /** A count in the database the service at hand runs on. */
    private long count(ServiceProcess service, String sql) throws SQLException {
        return countAt(currentUrl, sql);
    }

    private long countAt(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, options.user(), options.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code pg_dump -Fc} of the source database, while the service runs on it. */
    private void dump(String database) throws Exception {
        dump = Files.createTempFile("changeledger-drill-", ".dump");
        long start = System.nanoTime();
        int exit = command(List.of("pg_dump", "-Fc", "-h", host(), "-p", port(), "-U", options.user(),
                "-d", database, "-f", dump.toString()));
        drill.expect("pg_dump -Fc dumps the database while the service runs", exit == 0,
                String.format("exit %d, %,d bytes in %.1f s", exit, Files.size(dump), (System.nanoTime() - start) / 1e9));
    }

    /** {@code pg_restore} of the dump into an empty database. */
    private void restore(String url, String database, String where) throws Exception {
        String server = url.substring("jdbc:postgresql://".length(), url.indexOf('/', "jdbc:postgresql://".length()));
        long start = System.nanoTime();
        int exit = command(List.of("pg_restore", "--exit-on-error", "--no-owner", "-h", server.split(":")[0],
                "-p", server.split(":")[1], "-U", options.user(), "-d", database, dump.toString()));
        drill.expect("pg_restore restores the dump into " + where, exit == 0,
                String.format("exit %d in %.1f s", exit, (System.nanoTime() - start) / 1e9));
    }

    /**
     * The service on a restored database: every projection replayed, the report the same bytes, every task kept,
     * the seal chain verified against the checkpoint online and offline.
     */
    private void checkRestored(String url, String where) throws Exception {
        currentUrl = url;
        try (ServiceProcess service = ServiceProcess.restart(url, options.user(), options.password(),
                BenchMain.MAPPER)) {
            drill.expect("the service starts on the restore into " + where, service.alive(), "pid " + service.pid());
            drill.expect("its processors catch up", DrillSupport.awaitCaughtUp(service, CATCH_UP),
                    DrillSupport.lags(service));
            drill.replayAll(service, CATCH_UP);
            byte[] json = DrillSupport.body(service, "/api/v1/reports/stability/" + MONTH + "?host=" + HOST,
                    "application/json");
            byte[] html = DrillSupport.body(service, "/api/v1/reports/stability/" + MONTH + "?host=" + HOST,
                    "text/html");
            drill.expect("the " + MONTH + " report (JSON) is the same bytes after the restore into " + where
                            + ", apart from generatedAt",
                    Arrays.equals(DrillSupport.maskGenerated(json), DrillSupport.maskGenerated(reportJson)),
                    DrillSupport.digest(json) + " against " + DrillSupport.digest(reportJson));
            drill.expect("the " + MONTH + " report (HTML) is the same bytes after the restore into " + where
                            + ", apart from its 'Generated' time",
                    Arrays.equals(DrillSupport.maskGenerated(html), DrillSupport.maskGenerated(reportHtml)),
                    DrillSupport.digest(html) + " against " + DrillSupport.digest(reportHtml));
            drill.compare("is the same after the restore into " + where + " and a replay", view,
                    DrillSupport.readerView(service, HOST, FROM, TO, MONTHS,
                            VIEWS.resolve(where.replaceAll("[^a-z]+", "-"))));
            checkKept(service, "after the restore into " + where);
            JsonNode verify = service.get("/api/v1/events/verify?checkpointPosition=" + checkpointPosition
                    + "&checkpointHash=" + checkpointHash);
            drill.expect("the service verifies the restored seal chain against the checkpoint (" + where + ")",
                    verify.path("verified").asBoolean(), verify.toString());
        }
        StringBuilder out = new StringBuilder();
        int exit = command(offlineVerifier(url), out);
        drill.expect("the offline verifier verifies the restore into " + where + " against the checkpoint",
                exit == 0, "exit " + exit + ": " + out.toString().trim());
    }

    /** The offline verifier's command line against the saved checkpoint. */
    private List<String> offlineVerifier(String url) {
        List<String> verifier = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                "target/quarkus-app/lib/main/*:target/quarkus-app/app/*",
                "changeledger.eventstore.seal.OfflineVerifier", "--url", url, "--user", options.user()));
        if (!options.password().isEmpty()) {
            verifier.addAll(List.of("--password", options.password()));
        }
        verifier.addAll(List.of("--checkpoint-position", Long.toString(checkpointPosition),
                "--checkpoint-hash", checkpointHash));
        return verifier;
    }

    /**
     * A new PostgreSQL cluster ({@code initdb}) whose next transaction id is moved past the source's newest
     * {@code tx_id} ({@code pg_resetwal -e -x}, to the start of a {@code pg_xact} segment), as the procedure says; a
     * restore keeps each event's {@code tx_id}, and readers see only events below the cluster's counter. Answers the
     * JDBC URL of its database {@code changeledger}.
     */
    private String freshCluster(boolean moveCounter) throws Exception {
        cluster = Path.of(capture(asPostgres(List.of("mktemp", "-d", "/tmp/changeledger-drill-cluster-XXXXXX"))).trim());
        int port = Integer.parseInt(System.getenv().getOrDefault("DRILL_PG_PORT", Integer.toString(freePort())));
        int exit = command(asPostgres(List.of(PG_BIN.resolve("initdb").toString(), "-D", cluster.resolve("data")
                .toString(), "-U", "postgres", "-A", "trust", "--no-sync")));
        drill.expect("initdb creates a new cluster", exit == 0, cluster.toString());
        if (moveCounter) {
            moveCounter();
        }
        exit = command(asPostgres(List.of(PG_BIN.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(),
                "-l", cluster.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1", "start")));
        drill.expect("the new cluster starts on port " + port, exit == 0, "exit " + exit);
        String serverUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        createDatabase(serverUrl, "changeledger");
        if (moveCounter) {
            long counter = countAt(serverUrl, "select pg_current_xact_id()::text::bigint");
            drill.expect("the new cluster's transaction counter is past every restored tx_id", counter > maxTxId,
                    counter + " > " + maxTxId);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/changeledger";
    }

    /**
     * {@code pg_resetwal -e -x} on the stopped new cluster: its next transaction id past the source's newest
     * {@code tx_id}, at the start of a {@code pg_xact} segment (1,048,576 transactions a segment), as pg_resetwal's
     * manual advises.
     */
    private void moveCounter() throws Exception {
        long[] moved = nextTransaction(maxTxId);
        long epoch = moved[0];
        long next = moved[1];
        int exit = command(asPostgres(List.of(PG_BIN.resolve("pg_resetwal").toString(), "-e", Long.toString(epoch),
                "-x", Long.toString(next), "-D", cluster.resolve("data").toString())));
        drill.expect("pg_resetwal moves the new cluster's next transaction id past the source's newest tx_id",
                exit == 0, String.format("newest tx_id %d, next xid %d of epoch %d", maxTxId, next, epoch));
    }

    /**
     * The epoch and next transaction id ({@code pg_resetwal -e}, {@code -x}) that put a cluster's counter past the
     * 64-bit transaction id {@code newest}: the start of the {@code pg_xact} segment after the one {@code newest}
     * lies in (segments of 1,048,576 transactions), or of the next epoch's second segment near the end of an epoch.
     */
    static long[] nextTransaction(long newest) {
        long epoch = newest >>> 32;
        long xid = newest & 0xFFFFFFFFL;
        long next = (xid / 1_048_576 + 1) * 1_048_576;
        if (next > 0xFFF00000L) {
            return new long[] {epoch + 1, 1_048_576};
        }
        return new long[] {epoch, next};
    }

    /** Stops the new cluster and removes its directory. */
    private void stopCluster() throws Exception {
        if (cluster == null) {
            return;
        }
        command(asPostgres(List.of(PG_BIN.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(),
                "-m", "immediate", "-w", "stop")));
        if (!options.keepDatabase()) {
            command(List.of("rm", "-rf", cluster.toString()));
        }
        cluster = null;
    }

    private void createDatabase(String serverUrl, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl, options.user(), options.password());
             Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        }
        if (serverUrl.equals(options.serverUrl())) {
            databases.add(name);
        }
    }

    private void cleanUp() throws Exception {
        stopCluster();
        if (dump != null) {
            Files.deleteIfExists(dump);
        }
        if (options.keepDatabase()) {
            System.err.println("# kept databases " + databases + (cluster == null ? "" : " and the cluster " + cluster));
            return;
        }
        try (Connection admin = DriverManager.getConnection(options.serverUrl(), options.user(), options.password());
             Statement s = admin.createStatement()) {
            for (String name : databases) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    /** The command as the {@code postgres} user when this runs as root (initdb refuses root). */
    private static List<String> asPostgres(List<String> command) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return command;
        }
        List<String> as = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        as.addAll(command);
        return as;
    }

    private String host() {
        String rest = options.serverUrl().substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        return hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
    }

    private String port() {
        String rest = options.serverUrl().substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        return hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
    }

    private int command(List<String> command) throws Exception {
        return command(command, null);
    }

    /** Runs a command; its output goes to stderr (or into {@code out}); answers its exit status. */
    private int command(List<String> command, StringBuilder out) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!options.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", options.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not end within 10 minutes");
        }
        if (out != null) {
            out.append(output);
        } else if (!output.isBlank()) {
            System.err.print(output.lines().map(l -> "# " + l + "\n").reduce("", String::concat));
        }
        return process.exitValue();
    }

    private String capture(List<String> command) throws Exception {
        StringBuilder out = new StringBuilder();
        int exit = command(command, out);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out.toString();
    }

    private static Path pgBin() {
        String given = System.getenv("DRILL_PG_BIN");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElse(Path.of("/usr/lib/postgresql/15/bin"));
        } catch (IOException e) {
            return Path.of("/usr/lib/postgresql/15/bin");
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
