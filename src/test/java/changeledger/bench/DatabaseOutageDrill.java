package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run.sh --drill-outage}: the packaged service on a PostgreSQL cluster of the drill's own
 * ({@link TempCluster}) while uploaders (task-index lines, one host each) and readers ({@code GET /api/v1/events}
 * pages, a host, its tasks) run without pause. The database is restarted ({@code pg_ctl restart -m fast}), stopped
 * for a while and started, and the service's sessions are ended with {@code pg_terminate_backend}. Checks that
 * readiness goes down and comes back by itself (and prints how soon), that the service answers 503 with
 * {@code Retry-After} and never a 500 or anything else meanwhile, that every task of an acknowledged upload is
 * stored, that a refused upload stored all of its tasks or none, and that the processors catch up and the event
 * index lists every stored event once. Prints {@code N passed, N failed}; exits non-zero on a failure.
 */
public final class DatabaseOutageDrill {

    private static final String DB = "changeledger_drill";
    private static final int UPLOADERS = 4;
    private static final int READERS = 2;

    /** An upload that was not acknowledged: its tasks and the answer's body. */
    private record Refused(List<String> tasks, String answer) {
    }

    private final boolean quick;
    private final TempCluster cluster;
    private final ServiceProcess service;
    private final DrillLedger ledger = new DrillLedger("drill-outage");
    private final DrillClient client = new DrillClient();
    private final ConcurrentLinkedQueue<List<String>> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Refused> refused = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<List<String>> inDoubt = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wrongAnswers = new AtomicInteger();
    private final List<String> hosts = new ArrayList<>();
    private final List<TaskLineGenerator> generators = new ArrayList<>();
    private String readerToken;
    private volatile boolean running = true;

    private DatabaseOutageDrill(boolean quick, TempCluster cluster, ServiceProcess service) {
        this.quick = quick;
        this.cluster = cluster;
        this.service = service;
    }

    /** Runs the drill; {@code --quick} holds each phase shorter. */
    public static void main(String[] args) throws Exception {
        boolean quick = TempCluster.quickOnly(args);
        int code;
        try (TempCluster cluster = TempCluster.start(42000, 42099)) {
            cluster.createDatabase(DB);
            try (ServiceProcess service = ServiceProcess.start(cluster.jdbcUrl(DB), TempCluster.USER, "",
                    BenchMain.MAPPER, TempCluster.freePort(42100, 42199), Map.of(), ServiceProcess.PID_FILE,
                    ServiceProcess.LOG_FILE)) {
                DatabaseOutageDrill drill = new DatabaseOutageDrill(quick, cluster, service);
                drill.run();
                code = drill.ledger.finish();
            }
        }
        System.exit(code);
    }

    private void run() throws Exception {
        long pid = service.pid();
        List<String> ingesters = new ArrayList<>();
        for (int i = 0; i < UPLOADERS; i++) {
            String host = "outage-" + i;
            hosts.add(host);
            generators.add(new TaskLineGenerator("pve-" + host, i));
            ingesters.add(service.registerHostWithIngester(host));
        }
        readerToken = service.createKey("drill reader", "reader");
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < UPLOADERS; i++) {
            int n = i;
            clients.add(new Thread(() -> upload(n, ingesters.get(n)), "uploader-" + i));
        }
        for (int i = 0; i < READERS; i++) {
            int n = i;
            clients.add(new Thread(() -> read(n), "reader-" + i));
        }
        clients.forEach(Thread::start);
        Duration calm = Duration.ofSeconds(quick ? 4 : 15);
        Duration down = Duration.ofSeconds(quick ? 5 : 20);
        Duration recover = Duration.ofSeconds(30);
        try (ReadinessWatch readiness = new ReadinessWatch(service.base())) {
            Thread.sleep(calm.toMillis());
            ledger.say("before any outage: %s", ledger.statusCounts());
            int before = ledger.succeeded();
            ledger.expect("uploads and reads succeed before any outage", before > 0 && ledger.unexpected() == 0
                    && ledger.answered(503) == 0, ledger.statusCounts());

            // (a) a fast restart: sessions ended, the server down for about a second
            long restartAsked = System.nanoTime();
            cluster.restartServer();
            long restarted = System.nanoTime();
            ledger.say("pg_ctl restart -m fast took %.1f s", seconds(restartAsked, restarted));
            Optional<ReadinessWatch.Probe> back = readiness.await(restarted, true, recover);
            ledger.expect("readiness is up by itself after pg_ctl restart -m fast", back.isPresent(),
                    back.map(p -> String.format("ready %.1f s after the server was back; %d not-ready probes",
                            seconds(restarted, p.answeredNanos()), readiness.notReadyBetween(restartAsked,
                                    p.answeredNanos()))).orElse("not within " + recover.toSeconds() + " s"));
            Thread.sleep(calm.toMillis());

            // (b) a stop, the database away for a while, then a start
            long stopAsked = System.nanoTime();
            cluster.stopServer();
            long stopped = System.nanoTime();
            ledger.say("pg_ctl stop -m fast took %.1f s; the database stays down %d s", seconds(stopAsked, stopped),
                    down.toSeconds());
            Optional<ReadinessWatch.Probe> wentDown = readiness.await(stopAsked, false, down);
            HttpResponse<String> live = client.get(service.base(), readerToken, "/q/health/live");
            ledger.expect("liveness stays up while the database is down", live.statusCode() == 200,
                    "/q/health/live answered " + live.statusCode());
            long away = stopped + down.toNanos() - System.nanoTime();
            if (away > 0) {
                Thread.sleep(away / 1_000_000);
            }
            int refusedWhileDown = ledger.answered(503);
            if (wentDown.isEmpty()) {
                // the watcher kept probing while the database was away: a probe answered late still counts
                wentDown = readiness.first(stopAsked, false);
            }
            cluster.startServer();
            long started = System.nanoTime();
            ledger.expect("readiness goes down within 10 s of the database stopping", wentDown.isPresent()
                    && seconds(stopAsked, wentDown.get().answeredNanos()) <= 10,
                    wentDown.map(p -> String.format("not ready %.1f s after pg_ctl stop was asked",
                            seconds(stopAsked, p.answeredNanos()))).orElse("stayed ready"));
            Optional<ReadinessWatch.Probe> up = readiness.await(started, true, recover);
            ledger.expect("readiness comes back by itself within 15 s of the database starting", up.isPresent()
                    && seconds(started, up.get().answeredNanos()) <= 15,
                    up.map(p -> String.format("ready %.1f s after pg_ctl start returned",
                            seconds(started, p.answeredNanos()))).orElse("not within " + recover.toSeconds() + " s"));
            ledger.expect("requests while the database is down are refused with 503", refusedWhileDown > 0,
                    refusedWhileDown + " answered 503 so far");
            Thread.sleep(calm.toMillis());

            // (c) the service's sessions ended under it, twice
            for (int round = 1; round <= 2; round++) {
                long cut = System.nanoTime();
                int ended = cluster.terminateBackends(DB);
                Optional<ReadinessWatch.Probe> ready = readiness.await(cut + Duration.ofMillis(200).toNanos(), true,
                        recover);
                ledger.expect("readiness is up after pg_terminate_backend ended " + ended + " sessions (round "
                        + round + ")", ended > 0 && ready.isPresent(), ready.map(p -> String.format(
                                "ready %.1f s later; %d not-ready probes", seconds(cut, p.answeredNanos()),
                                readiness.notReadyBetween(cut, p.answeredNanos()))).orElse("not within "
                                + recover.toSeconds() + " s"));
                Thread.sleep(calm.toMillis());
            }
            running = false;
            for (Thread thread : clients) {
                thread.join(180_000);
            }
        }
        ledger.say("every request: %s, %d unanswered", ledger.statusCounts(), ledger.unanswered());
        ledger.printSamples();
        ledger.expect("no request is answered 500", ledger.answered(500) == 0, ledger.answered(500) + " answered 500");
        ledger.expect("every request that failed was answered 503 (no other status, none unanswered)",
                ledger.unexpected() == 0 && ledger.unanswered() == 0, ledger.unexpected() + " other, "
                        + ledger.unanswered() + " unanswered");
        ledger.expect("every 503 carries Retry-After", ledger.refusedWithoutRetryAfter() == 0,
                ledger.refusedWithoutRetryAfter() + " without it of " + ledger.answered(503));
        ledger.expect("every acknowledged upload accepted each of its lines", wrongAnswers.get() == 0,
                wrongAnswers.get() + " answers accepted fewer");
        afterwards(pid, ingesters);
    }

    /** After the outages: a new upload per host is taken, nothing acknowledged is missing, no refused upload is half. */
    private void afterwards(long pid, List<String> ingesters) throws Exception {
        int fine = 0;
        for (int i = 0; i < UPLOADERS; i++) {
            fine += uploadOnce(generators.get(i), hosts.get(i), ingesters.get(i)) ? 1 : 0;
        }
        ledger.expect("after the outages every host's next upload is taken", fine == UPLOADERS, fine + " of "
                + UPLOADERS);
        Set<String> stored = storedTasks();
        int ackedUploads = acknowledged.size();
        long ackedTasks = acknowledged.stream().mapToLong(List::size).sum();
        long missing = acknowledged.stream().flatMap(List::stream).filter(t -> !stored.contains(t)).count();
        ledger.expect("every task of an acknowledged upload is stored", missing == 0 && ackedTasks > 0,
                String.format("%d uploads, %d tasks, %d missing", ackedUploads, ackedTasks, missing));
        int none = 0;
        int all = 0;
        int half = 0;
        int toldNothing = 0;
        for (Refused upload : refused) {
            long kept = upload.tasks().stream().filter(stored::contains).count();
            if (kept == 0) {
                none++;
            } else if (kept == upload.tasks().size()) {
                all++;
                toldNothing += upload.answer().contains("nothing of it was stored") ? 1 : 0;
            } else {
                half++;
            }
        }
        ledger.expect("every upload answered 503 stored nothing or everything", half == 0,
                String.format("%d refused uploads: %d stored nothing, %d everything, %d in part", refused.size(), none,
                        all, half));
        ledger.expect("no refused upload that was stored says that nothing was", toldNothing == 0,
                toldNothing + " of " + all + " said so");
        ledger.say("uploads without an answer: %d", inDoubt.size());
        long caughtUp = awaitProcessors(Duration.ofSeconds(120));
        ledger.expect("every processor catches up after the outages", caughtUp >= 0,
                caughtUp >= 0 ? String.format("lag 0 %.1f s after the last outage's uploads", caughtUp / 1e9)
                        : "still lagging after 120 s");
        int listed = 0;
        int doubled = 0;
        long storedEvents = 0;
        for (String host : hosts) {
            List<DrillClient.ListedEvent> events = client.allEvents(service.base(), service.adminToken(), host);
            Set<String> ids = new HashSet<>();
            for (DrillClient.ListedEvent event : events) {
                if (event.aggregateType().equals("ProxmoxTask")) {
                    listed++;
                    doubled += ids.add(event.id()) ? 0 : 1;
                }
            }
            storedEvents += storedEvents(host);
        }
        ledger.expect("GET /api/v1/events lists every stored task event once", listed == storedEvents && doubled == 0,
                String.format("%d listed, %d stored, %d listed twice", listed, storedEvents, doubled));
        ledger.expect("the service ran throughout (no restart)", service.alive() && service.pid() == pid,
                "pid " + pid);
    }

    private long awaitProcessors(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean behind = false;
            for (JsonNode processor : client.processors(service.base(), service.adminToken())) {
                behind |= processor.path("lagEvents").asLong() > 0;
            }
            if (!behind) {
                return System.nanoTime() - start;
            }
            Thread.sleep(200);
        }
        return -1;
    }

    private Set<String> storedTasks() throws Exception {
        Set<String> tasks = new HashSet<>();
        try (Connection c = cluster.connect(DB); PreparedStatement s = c.prepareStatement(
                "select distinct aggregate_id from domain_event where aggregate_type = 'ProxmoxTask'")) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tasks.add(rs.getString(1));
                }
            }
        }
        return tasks;
    }

    private long storedEvents(String host) throws Exception {
        try (Connection c = cluster.connect(DB); PreparedStatement s = c.prepareStatement(
                "select count(*) from domain_event where aggregate_type = 'ProxmoxTask' and aggregate_id like ?")) {
            s.setString(1, host + "/%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void upload(int n, String token) {
        String host = hosts.get(n);
        TaskLineGenerator generator = generators.get(n);
        while (running) {
            uploadOnce(generator, host, token);
            pause(50);
        }
    }

    /** One upload of new lines; answers whether it was acknowledged. */
    private boolean uploadOnce(TaskLineGenerator generator, String host, String token) {
        List<String> lines = generator.indexLines(quick ? 100 : 300);
        List<String> tasks = new ArrayList<>(lines.size());
        for (String line : lines) {
            tasks.add(host + "/" + line.substring(0, line.indexOf(' ')));
        }
        try {
            HttpResponse<String> answer = client.uploadTaskIndex(service.base(), token, host,
                    String.join("\n", lines) + "\n");
            ledger.count("upload to " + host, answer);
            if (answer.statusCode() / 100 == 2) {
                acknowledged.add(tasks);
                if (BenchMain.MAPPER.readTree(answer.body()).path("accepted").asInt() != lines.size()) {
                    wrongAnswers.incrementAndGet();
                }
                return true;
            }
            refused.add(new Refused(tasks, answer.body()));
        } catch (Exception e) {
            ledger.unanswered("upload to " + host, e);
            inDoubt.add(tasks);
        }
        return false;
    }

    private void read(int n) {
        int round = 0;
        while (running) {
            String host = hosts.get((n + round++) % hosts.size());
            try {
                String after = null;
                for (int page = 0; page < 3; page++) {
                    String query = "/api/v1/events?host=" + host + "&limit=100" + (after == null ? "" : "&after=" + after);
                    HttpResponse<String> answer = client.get(service.base(), readerToken, query);
                    ledger.count("GET " + query, answer);
                    if (answer.statusCode() != 200 || (after = DrillClient.next(answer.body())) == null) {
                        break;
                    }
                }
                ledger.count("GET host", client.get(service.base(), readerToken, "/api/v1/hosts/" + host));
                ledger.count("GET tasks", client.get(service.base(), readerToken, "/api/v1/hosts/" + host
                        + "/tasks?limit=50"));
            } catch (Exception e) {
                ledger.unanswered("read of " + host, e);
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
