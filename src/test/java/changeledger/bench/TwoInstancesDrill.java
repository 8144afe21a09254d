package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run.sh --drill-instances}: two instances of the packaged service on one database (a PostgreSQL
 * cluster of the drill's own, {@link TempCluster}) with a short processor lease. Eight uploaders send overlapping
 * windows of four hosts' task-index lines (two uploaders a host) to both instances in turn while readers page
 * {@code GET /api/v1/events} on both. Checks that nothing is stored or listed twice, that both instances serve and
 * share the processors' claims, then kills the instance owning the most processors ({@code SIGKILL}) and measures
 * how soon the other owns them all and catches up. Prints {@code N passed, N failed}; exits non-zero on a failure.
 */
public final class TwoInstancesDrill {

    private static final String DB = "changeledger_drill";
    private static final int HOSTS = 4;
    private static final int UPLOADERS = 8;
    private static final int READERS = 2;
    private static final int WINDOW = 200;
    private static final Duration LEASE = Duration.ofSeconds(5);

    private final boolean quick;
    private final TempCluster cluster;
    private final List<ServiceProcess> instances;
    private final List<String> names = List.of("drill-a", "drill-b");
    private final DrillLedger ledger = new DrillLedger("drill-instances");
    private final DrillClient client = new DrillClient();
    private final List<String> hosts = new ArrayList<>();
    private final List<List<String>> pools = new ArrayList<>();
    private final List<String> ingesters = new ArrayList<>();
    private final Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong acceptedLines = new AtomicLong();
    private final AtomicInteger[] served = {new AtomicInteger(), new AtomicInteger()};
    private final AtomicInteger pagingFaults = new AtomicInteger();
    private final AtomicInteger pagings = new AtomicInteger();
    private String readerToken;
    private volatile boolean reading = true;

    private TwoInstancesDrill(boolean quick, TempCluster cluster, List<ServiceProcess> instances) {
        this.quick = quick;
        this.cluster = cluster;
        this.instances = instances;
    }

    /** Runs the drill; {@code --quick} uploads less. */
    public static void main(String[] args) throws Exception {
        boolean quick = TempCluster.quickOnly(args);
        int code;
        try (TempCluster cluster = TempCluster.start(42000, 42099)) {
            cluster.createDatabase(DB);
            List<ServiceProcess> instances = new ArrayList<>();
            try {
                // both start at once, so their processors race for the claims (Flyway migrates under a lock)
                int portA = TempCluster.freePort(42100, 42199);
                int portB = TempCluster.freePort(portA + 1, 42199);
                CompletableFuture<ServiceProcess> a = CompletableFuture.supplyAsync(() -> start(cluster, "drill-a",
                        portA));
                CompletableFuture<ServiceProcess> b = CompletableFuture.supplyAsync(() -> start(cluster, "drill-b",
                        portB));
                instances.add(a.join());
                instances.add(b.join());
                TwoInstancesDrill drill = new TwoInstancesDrill(quick, cluster, instances);
                drill.run();
                code = drill.ledger.finish();
            } finally {
                for (ServiceProcess instance : instances) {
                    instance.close();
                }
            }
        }
        System.exit(code);
    }

    private static ServiceProcess start(TempCluster cluster, String name, int port) {
        try {
            return ServiceProcess.start(cluster.jdbcUrl(DB), TempCluster.USER, "", BenchMain.MAPPER, port,
                    Map.of("CHANGELEDGER_PROCESSING_INSTANCE_ID", name,
                            "CHANGELEDGER_PROCESSING_LEASE_TIMEOUT", LEASE.toMillis() + "ms"),
                    Path.of("target", "bench-service-" + name + ".pid"),
                    Path.of("target", "bench-service-" + name + ".log"));
        } catch (Exception e) {
            throw new IllegalStateException(name + " did not start", e);
        }
    }

    private void run() throws Exception {
        ServiceProcess first = instances.get(0);
        for (int h = 0; h < HOSTS; h++) {
            String host = "pair-" + h;
            hosts.add(host);
            ingesters.add(first.registerHostWithIngester(host));
            pools.add(new TaskLineGenerator("pve-" + host, h).indexLines(quick ? 2_000 : 8_000));
            acknowledged.put(host, ConcurrentHashMap.newKeySet());
        }
        readerToken = first.createKey("drill reader", "reader");
        Map<String, Integer> owners = owners(first);
        ledger.say("processors after both started: %s", owners);

        List<Thread> readers = startReaders(List.of(0, 1));
        int uploads = quick ? 20 : 60;
        long start = System.nanoTime();
        runUploaders(uploads, List.of(0, 1));
        ledger.say("%d uploaders sent %d uploads of %d overlapping lines each in %.1f s; answers %s", UPLOADERS,
                UPLOADERS * uploads, WINDOW, (System.nanoTime() - start) / 1e9, ledger.statusCounts());
        Map<String, Integer> during = owners(instances.get(1));
        ledger.say("processors after the uploads: %s", during);
        reading = false;
        for (Thread reader : readers) {
            reader.join(120_000);
        }
        ledger.expect("both instances serve uploads and reads", served[0].get() > 0 && served[1].get() > 0,
                names.get(0) + " " + served[0].get() + ", " + names.get(1) + " " + served[1].get() + " answered 2xx");
        ledger.expect("no request is answered 500", ledger.answered(500) == 0, ledger.statusCounts());
        ledger.expect("every request that failed was a 503 with Retry-After, none unanswered",
                ledger.unexpected() == 0 && ledger.refusedWithoutRetryAfter() == 0 && ledger.unanswered() == 0,
                ledger.statusCounts() + ", " + ledger.unanswered() + " unanswered");
        ledger.printSamples();
        awaitCaughtUp(first, "with both instances");
        storedOnce("with both instances");
        ledger.expect("the lines accepted add up to the distinct tasks (no line accepted twice)",
                acceptedLines.get() == expectedTasks(), acceptedLines.get() + " accepted, " + expectedTasks()
                        + " distinct tasks acknowledged");
        ledger.expect("every paging of GET /api/v1/events on either instance lists each event once",
                pagingFaults.get() == 0 && pagings.get() > 0, pagings.get() + " pagings, " + pagingFaults.get()
                        + " with an event twice");
        Map<String, Integer> ownersA = owners(instances.get(0));
        Map<String, Integer> ownersB = owners(instances.get(1));
        // a claim renewed late or changing hands between the two reads is no disagreement: read both again
        for (int retry = 0; retry < 5 && !(ownersA.equals(ownersB) && !ownersA.containsKey("none")); retry++) {
            Thread.sleep(500);
            ownersA = owners(instances.get(0));
            ownersB = owners(instances.get(1));
        }
        ledger.expect("every processor is claimed by one of the two instances, the same on both",
                ownersA.equals(ownersB) && !ownersA.containsKey("none") && ownersA.keySet().stream()
                        .allMatch(names::contains), names.get(0) + " sees " + ownersA + ", " + names.get(1) + " sees "
                        + ownersB);
        ledger.say("%s", ownersA.size() == 2 ? "both instances own processors"
                : "one instance owns every processor: the other stands by for the lease to run out");
        killOne();
    }

    /** Kills the instance owning the most processors and measures how soon the other owns every one of them. */
    private void killOne() throws Exception {
        Map<String, String> byProcessor = ownerByProcessor(instances.get(0));
        Map<String, Integer> owners = owners(instances.get(0));
        int victim = owners.getOrDefault(names.get(0), 0) >= owners.getOrDefault(names.get(1), 0) ? 0 : 1;
        int survivor = 1 - victim;
        ServiceProcess dying = instances.get(victim);
        ServiceProcess living = instances.get(survivor);
        List<String> moving = byProcessor.entrySet().stream().filter(e -> e.getValue().equals(names.get(victim)))
                .map(Map.Entry::getKey).sorted().toList();
        long killed = System.nanoTime();
        dying.kill();
        ledger.say("killed %s (SIGKILL), owner of %s", names.get(victim), moving);
        Map<String, Long> movedAt = new TreeMap<>();
        long deadline = killed + LEASE.toNanos() * 4;
        while (movedAt.size() < moving.size() && System.nanoTime() < deadline) {
            Map<String, String> now = ownerByProcessor(living);
            for (String processor : moving) {
                if (names.get(survivor).equals(now.get(processor))) {
                    movedAt.putIfAbsent(processor, System.nanoTime() - killed);
                }
            }
            Thread.sleep(100);
        }
        long last = movedAt.values().stream().mapToLong(Long::longValue).max().orElse(-1);
        long firstMove = movedAt.values().stream().mapToLong(Long::longValue).min().orElse(-1);
        boolean all = movedAt.size() == moving.size();
        ledger.say("takeover: first processor after %.1f s, last after %.1f s (lease %d s)", firstMove / 1e9,
                last / 1e9, LEASE.toSeconds());
        ledger.expect("the killed instance's processors move to the other within the lease and a poll (" + LEASE
                .toSeconds() + " s + 2 s)", all && last <= LEASE.plusSeconds(2).toNanos(), all ? String.format(
                        "%d processors, all moved within %.1f s", moving.size(), last / 1e9)
                        : movedAt.size() + " of " + moving.size() + " moved within " + LEASE.toSeconds() * 4 + " s");
        int before = served[survivor].get();
        int uploads = quick ? 5 : 15;
        ledger.say("uploading %d more windows from each uploader to %s", uploads, names.get(survivor));
        runUploaders(uploads, List.of(survivor));
        ledger.expect("the surviving instance takes the uploads", served[survivor].get() > before
                && ledger.unexpected() == 0 && ledger.answered(500) == 0, ledger.statusCounts());
        awaitCaughtUp(living, "after the kill");
        storedOnce("after the kill");
        ledger.expect("the lines accepted still add up to the distinct tasks", acceptedLines.get() == expectedTasks(),
                acceptedLines.get() + " accepted, " + expectedTasks() + " distinct tasks acknowledged");
    }

    private List<Thread> startReaders(List<Integer> targets) {
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int n = r;
            readers.add(new Thread(() -> read(n, targets), "reader-" + r));
        }
        readers.forEach(Thread::start);
        return readers;
    }

    private void runUploaders(int uploads, List<Integer> targets) throws InterruptedException {
        List<Thread> uploaders = new ArrayList<>();
        for (int u = 0; u < UPLOADERS; u++) {
            int n = u;
            uploaders.add(new Thread(() -> upload(n, uploads, targets), "uploader-" + u));
        }
        uploaders.forEach(Thread::start);
        for (Thread uploader : uploaders) {
            uploader.join(600_000);
        }
    }

    /** Sends windows of its host's lines to the instances in turn; a 503 is sent again after its Retry-After. */
    private void upload(int n, int uploads, List<Integer> targets) {
        int h = n % HOSTS;
        String host = hosts.get(h);
        List<String> pool = pools.get(h);
        Random random = new Random(n * 31L + uploads);
        for (int i = 0; i < uploads; i++) {
            int from = random.nextInt(pool.size() - WINDOW);
            List<String> window = pool.subList(from, from + WINDOW);
            int target = targets.get((n + i) % targets.size());
            ServiceProcess instance = instances.get(target);
            for (int attempt = 1; attempt <= 10; attempt++) {
                try {
                    HttpResponse<String> answer = client.uploadTaskIndex(instance.base(), ingesters.get(h), host,
                            String.join("\n", window) + "\n");
                    ledger.count("upload to " + names.get(target), answer);
                    if (answer.statusCode() / 100 == 2) {
                        served[target].incrementAndGet();
                        JsonNode json = BenchMain.MAPPER.readTree(answer.body());
                        acceptedLines.addAndGet(json.path("accepted").asLong());
                        for (String line : window) {
                            acknowledged.get(host).add(host + "/" + line.substring(0, line.indexOf(' ')));
                        }
                        break;
                    }
                    if (answer.statusCode() != 503) {
                        break;
                    }
                    Thread.sleep(1000L * Integer.parseInt(answer.headers().firstValue("Retry-After").orElse("1")));
                } catch (Exception e) {
                    ledger.unanswered("upload to " + names.get(target), e);
                    break;
                }
            }
        }
    }

    /**
     * Pages a host's events through to the end, on the instances in turn, and counts pagings that listed an event
     * twice. (Pages follow the gap-safe order of ADR 0004, not positions, so a position may be lower than the last.)
     */
    private void read(int n, List<Integer> targets) {
        int round = 0;
        while (reading) {
            String host = hosts.get((n + round) % HOSTS);
            int target = targets.get(round++ % targets.size());
            try {
                Set<String> ids = new HashSet<>();
                boolean fault = false;
                String after = null;
                do {
                    String query = "/api/v1/events?host=" + host + "&limit=200" + (after == null ? "" : "&after="
                            + after);
                    HttpResponse<String> page = client.get(instances.get(target).base(), readerToken, query);
                    ledger.count("GET " + query + " on " + names.get(target), page);
                    if (page.statusCode() != 200) {
                        break;
                    }
                    served[target].incrementAndGet();
                    JsonNode json = BenchMain.MAPPER.readTree(page.body());
                    for (JsonNode item : json.path("items")) {
                        fault |= !ids.add(item.path("id").asText());
                    }
                    after = DrillClient.next(page.body());
                } while (after != null && reading);
                pagings.incrementAndGet();
                pagingFaults.addAndGet(fault ? 1 : 0);
            } catch (Exception e) {
                ledger.unanswered("paging " + host + " on " + names.get(target), e);
            }
        }
    }

    private long expectedTasks() {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }

    /** Stored events by SQL: one start and one finish per acknowledged task, no stream with more. */
    private void storedOnce(String when) throws Exception {
        try (Connection c = cluster.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select count(distinct aggregate_id), count(*) filter (where event_type = 'ProxmoxTaskStarted'),"
                        + " count(*) filter (where event_type = 'ProxmoxTaskFinished'), count(*)"
                        + " from domain_event where aggregate_type = 'ProxmoxTask'")) {
            rs.next();
            long tasks = rs.getLong(1);
            long started = rs.getLong(2);
            long finished = rs.getLong(3);
            long events = rs.getLong(4);
            ledger.expect("nothing stored twice " + when + ": one start and one finish per acknowledged task",
                    tasks == expectedTasks() && started == tasks && finished == tasks && events == 2 * tasks,
                    String.format("%d acknowledged, %d task streams, %d started, %d finished, %d events",
                            expectedTasks(), tasks, started, finished, events));
        }
        for (ServiceProcess instance : instances) {
            if (instance.alive()) {
                listedOnce(instance, names.get(instances.indexOf(instance)) + " " + when);
            }
        }
    }

    /** Every host's task events listed by one instance: as many as stored, none twice. */
    private void listedOnce(ServiceProcess instance, String where) throws Exception {
        long listed = 0;
        long doubled = 0;
        for (String host : hosts) {
            Set<String> ids = new HashSet<>();
            for (DrillClient.ListedEvent event : client.allEvents(instance.base(), instance.adminToken(), host)) {
                if (event.aggregateType().equals("ProxmoxTask")) {
                    listed++;
                    doubled += ids.add(event.id()) ? 0 : 1;
                }
            }
        }
        ledger.expect("GET /api/v1/events on " + where + " lists every task event once",
                listed == 2 * expectedTasks() && doubled == 0, String.format("%d listed, %d expected, %d twice",
                        listed, 2 * expectedTasks(), doubled));
    }

    private void awaitCaughtUp(ServiceProcess instance, String when) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(180).toNanos();
        boolean behind = true;
        while (behind && System.nanoTime() < deadline) {
            behind = false;
            for (JsonNode processor : client.processors(instance.base(), instance.adminToken())) {
                behind |= processor.path("lagEvents").asLong() > 0;
            }
            if (behind) {
                Thread.sleep(200);
            }
        }
        ledger.expect("every processor catches up " + when, !behind, String.format("%.1f s after the uploads",
                (System.nanoTime() - start) / 1e9));
    }

    /** Processors per owner as an instance lists them ({@code none} for an unclaimed one). */
    private Map<String, Integer> owners(ServiceProcess instance) throws Exception {
        Map<String, Integer> owners = new TreeMap<>();
        ownerByProcessor(instance).values().forEach(o -> owners.merge(o, 1, Integer::sum));
        return owners;
    }

    private Map<String, String> ownerByProcessor(ServiceProcess instance) throws Exception {
        Map<String, String> owners = new HashMap<>();
        for (JsonNode processor : client.processors(instance.base(), instance.adminToken())) {
            JsonNode owner = processor.path("owner");
            owners.put(processor.path("name").asText(), owner.isNull() || owner.isMissingNode() ? "none"
                    : owner.asText());
        }
        return owners;
    }
}
