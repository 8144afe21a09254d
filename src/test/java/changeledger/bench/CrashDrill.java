package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * {@code bench/run.sh --drill-crash [--quick]}: the packaged service, on a fresh database, is killed with SIGKILL
 * in the middle of a 100,000-line task-index upload (20,000 quick) three times: early in the upload, half-way
 * through it, and just after its answer while the processors catch up; then once more during a replay of every
 * projection. After each kill it starts again on the same database, and the same file is uploaded again. Checks
 * that a killed upload stored nothing, that each task is stored exactly once, that every projection equals a
 * replay of it, and that the seal chain verifies, also against a checkpoint. Prints each check and
 * {@code N passed, N failed}; exits non-zero on a failure.
 */
public final class CrashDrill {

    private static final String HOST = "crash";
    private static final String NODE = "pve-crash";
    private static final String FROM = "2026-01-01";
    private static final String TO = "2026-12-01";
    private static final List<String> MONTHS = List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
            "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11");
    /** Where the readers' answers before and after the replay are kept, to compare by hand when a check fails. */
    private static final Path VIEWS = Path.of("target", "drill-crash");
    private static final Duration CATCH_UP = Duration.ofMinutes(20);

    private final BenchOptions options;
    private final String url;
    private final DrillSupport drill = new DrillSupport("drill-crash");
    private final HttpClient http = ServiceProcess.newClient();
    private ServiceProcess service;
    private String ingester;

    private CrashDrill(BenchOptions options) {
        this.options = options;
        this.url = BenchDatabase.urlFor(options.serverUrl(), options.databaseName());
    }

    /** Runs the drill; takes the options of {@code bench/run.sh} for the database ({@code --quick}, {@code --db-name}). */
    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv());
        CrashDrill crash = new CrashDrill(options);
        int status;
        try {
            crash.run();
        } catch (Exception e) {
            crash.drill.expect("the drill ran to its end", false, e.toString());
        } finally {
            if (crash.service != null) {
                crash.service.close();
            }
            crash.dropDatabase();
        }
        status = crash.drill.finish();
        System.exit(status);
    }

    private void run() throws Exception {
        int lines = options.quick() ? 20_000 : 100_000;
        long started = System.nanoTime();
        TaskLineGenerator generator = new TaskLineGenerator(NODE, 53, Instant.parse(FROM + "T00:00:00Z"),
                TaskLineGenerator.gapSpreadFor(lines, Duration.ofDays(330)));
        StringBuilder file = new StringBuilder(lines * 110);
        Set<String> upids = new HashSet<>();
        for (String line : generator.indexLines(lines)) {
            file.append(line).append('\n');
            upids.add(line.substring(0, line.indexOf(' ')));
        }
        String body = file.toString();
        drill.note("a task index of %,d lines (%,d bytes, %,d distinct tasks) of node %s", lines, body.length(),
                upids.size(), NODE);

        createDatabase();
        service = ServiceProcess.start(url, options.user(), options.password(), BenchMain.MAPPER);
        service.registerHost(HOST, NODE);
        ingester = service.createIngesterKey(HOST);
        double bytesPerLine = calibrate();

        long expectedGrowth = (long) (bytesPerLine * lines);
        killDuring(body, "early in the upload", grown -> grown > 0);
        restart();
        killDuring(body, "half-way through the upload", grown -> grown >= expectedGrowth / 2);
        restart();

        JsonNode answer = upload(body).join().statusCode() == 200 ? lastAnswer : null;
        String lagsAtKill = DrillSupport.lags(service);
        service.kill();
        drill.expect("the third upload, to its end, took every line", answer != null
                && answer.path("accepted").asInt() == lines, String.valueOf(answer));
        drill.expect("the kill right after its answer came while processors were catching up",
                lagsAtKill.matches(".*=[1-9].*"), "lag at the kill: " + lagsAtKill);
        awaitConnectionsGone();
        drill.expect("every task of the answered upload is stored", startedEvents() == upids.size(),
                startedEvents() + " tasks of " + upids.size());

        restart();
        JsonNode again = service.ingestTaskIndex(HOST, ingester, body);
        drill.expect("the same file uploaded again after the restart adds nothing", again.path("accepted").asInt() == 0
                && again.path("duplicates").asInt() == lines, again.toString());
        drill.expect("the processors catch up after the restart", DrillSupport.awaitCaughtUp(service, CATCH_UP),
                DrillSupport.lags(service));
        drill.expect("the service is ready once they have", service.readiness() == 200,
                "HTTP " + service.readiness());

        storedOnce(upids.size());
        drill.expect("the task view lists each task once", DrillSupport.taskCount(service, HOST) == upids.size(),
                DrillSupport.taskCount(service, HOST) + " of " + upids.size());
        long counted = statsStarts();
        drill.expect("the change statistics count each task once", counted == upids.size(),
                counted + " of " + upids.size());
        verifySeals("after the kills");

        Map<String, String> before = DrillSupport.readerView(service, HOST, FROM, TO, months(),
                VIEWS.resolve("before-replay"));
        replayKilledHalfWay();
        Map<String, String> after = DrillSupport.readerView(service, HOST, FROM, TO, months(),
                VIEWS.resolve("after-replay"));
        drill.compare("equals its replay", before, after);
        verifySeals("after the replay");
        drill.note("took %.1f s", (System.nanoTime() - started) / 1e9);
    }

    private volatile JsonNode lastAnswer;

    /** The months whose report is compared: every month of the file, the first three when quick. */
    private List<String> months() {
        return options.quick() ? MONTHS.subList(0, 3) : MONTHS;
    }

    /**
     * The heap bytes of {@code domain_event} one task line takes, from a 1,000-line upload of a host of its own: the
     * measure of how far an upload has gone, since an open transaction's rows grow the table before they commit.
     */
    private double calibrate() throws Exception {
        service.registerHost("calibration", "pve-calibration");
        String key = service.createIngesterKey("calibration");
        StringBuilder body = new StringBuilder();
        new TaskLineGenerator("pve-calibration", 7).indexLines(1_000).forEach(l -> body.append(l).append('\n'));
        long before = tableBytes();
        service.ingestTaskIndex("calibration", key, body.toString());
        double perLine = (tableBytes() - before) / 1_000.0;
        drill.note("one task line grows domain_event by about %.0f bytes", perLine);
        return perLine;
    }

    /** Uploads the file and kills the service once the table has grown as {@code when} says, before the answer. */
    private void killDuring(String body, String point, LongPredicate when) throws Exception {
        long base = tableBytes();
        CompletableFuture<HttpResponse<String>> upload = upload(body);
        long grown = 0;
        while (!upload.isDone() && !when.test(grown = tableBytes() - base)) {
            Thread.sleep(10);
        }
        boolean before = !upload.isDone();
        service.kill();
        drill.expect("the service was killed " + point + ", before its answer", before,
                String.format("the upload had written %,d bytes of domain_event", grown));
        awaitConnectionsGone();
        try {
            HttpResponse<String> answer = upload.join();
            drill.expect("the killed upload got no answer", false, "HTTP " + answer.statusCode());
        } catch (Exception e) {
            drill.expect("the killed upload got no answer", true, e.getClass().getSimpleName());
        }
        drill.expect("the upload killed " + point + " stored nothing", startedEvents() == 0,
                startedEvents() + " tasks of the host stored");
    }

    private CompletableFuture<HttpResponse<String>> upload(String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.base() + "/api/v1/hosts/" + HOST
                        + "/ingest/task-index"))
                .header("Authorization", "Bearer " + ingester).header("Content-Type", "text/plain")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                lastAnswer = response.statusCode() == 200 ? BenchMain.MAPPER.readTree(response.body()) : null;
            } catch (Exception e) {
                lastAnswer = null;
            }
            return response;
        });
    }

    /** Requests a replay of every projection, kills the service once the replays are under way, and lets them end. */
    private void replayKilledHalfWay() throws Exception {
        Map<String, Integer> requested = drill.requestReplays(service);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        boolean underWay = false;
        while (!underWay && System.nanoTime() < deadline) {
            for (JsonNode p : service.get("/api/v1/admin/processors").path("items")) {
                underWay |= p.path("replaying").asBoolean() && p.path("replayPosition").asLong() > 0;
            }
            if (!underWay) {
                Thread.sleep(20);
            }
        }
        String lags = DrillSupport.lags(service);
        service.kill();
        drill.expect("the service was killed while the replays were under way", underWay, "lag at the kill: " + lags);
        awaitConnectionsGone();
        restart();
        drill.awaitReplays(service, requested, CATCH_UP);
    }

    /** Exactly one started and one finished event per task of the file, and no stream with a second of either. */
    private void storedOnce(int tasks) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_type, count(*), count(distinct aggregate_id)"
                     + " from domain_event where aggregate_type = 'ProxmoxTask' and aggregate_id like '" + HOST
                     + "/%' group by event_type order by event_type")) {
            int types = 0;
            while (rs.next()) {
                types++;
                drill.expect(rs.getString(1) + " stored once per task", rs.getLong(2) == tasks
                        && rs.getLong(3) == tasks, String.format("%,d events of %,d streams, %,d tasks in the file",
                        rs.getLong(2), rs.getLong(3), tasks));
            }
            drill.expect("the tasks are stored as started and finished events", types == 2, types + " event types");
        }
    }

    /** The tasks the change statistics count over the file's months. */
    private long statsStarts() throws Exception {
        JsonNode stats = service.get("/api/v1/hosts/" + HOST + "/stats?from=" + FROM + "&to=" + TO + "&bucket=month");
        long sum = 0;
        for (JsonNode bucket : stats.path("buckets")) {
            for (JsonNode count : bucket.path("counts")) {
                sum += count.asLong();
            }
        }
        return sum;
    }

    private void verifySeals(String when) throws Exception {
        long events = count("select count(*) from domain_event");
        JsonNode verify = service.get("/api/v1/events/verify");
        drill.expect("the seal chain verifies " + when, verify.path("verified").asBoolean()
                && verify.path("checked").asLong() == events, verify.toString() + ", " + events + " events stored");
        JsonNode checkpoint = service.get("/api/v1/events/checkpoint");
        JsonNode against = service.get("/api/v1/events/verify?checkpointPosition=" + checkpoint.path("position").asLong()
                + "&checkpointHash=" + checkpoint.path("hash").asText());
        drill.expect("it verifies against a checkpoint " + when, against.path("verified").asBoolean(),
                against.toString());
    }

    private void restart() throws Exception {
        long start = System.nanoTime();
        service = ServiceProcess.restart(url, options.user(), options.password(), BenchMain.MAPPER);
        drill.note("restarted on the same database, live after %.1f s (ready: HTTP %d)",
                (System.nanoTime() - start) / 1e9, service.readiness());
    }

    private long startedEvents() throws SQLException {
        return count("select count(*) from domain_event where event_type = 'ProxmoxTaskStarted' and aggregate_id like '"
                + HOST + "/%'");
    }

    private long tableBytes() throws SQLException {
        return count("select pg_relation_size('domain_event')");
    }

    /** Waits until PostgreSQL has ended every session of the killed service (its open transaction rolled back). */
    private void awaitConnectionsGone() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long left;
        while ((left = count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and pid <> pg_backend_pid()")) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        drill.expect("PostgreSQL ended the killed service's sessions", left == 0, left + " left");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, options.user(), options.password());
    }

    private void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(options.serverUrl(), options.user(), options.password());
             Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + options.databaseName() + " with (force)");
            s.execute("create database " + options.databaseName());
        }
    }

    private void dropDatabase() throws SQLException {
        if (options.keepDatabase()) {
            System.err.println("# kept database " + options.databaseName());
            return;
        }
        try (Connection admin = DriverManager.getConnection(options.serverUrl(), options.user(), options.password());
             Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + options.databaseName() + " with (force)");
        }
    }
}
