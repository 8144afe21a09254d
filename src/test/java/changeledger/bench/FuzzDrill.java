package changeledger.bench;

import changeledger.support.TaskLines;
import changeledger.support.Tars;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code bench/run.sh --drill-fuzz [--quick] [--seed N] [--requests N]}: the packaged service on a fresh database
 * against seeded random requests ({@link FuzzRequests}) to every endpoint of {@code /api/v1} that takes a body or a
 * query parameter. Every request starts as a known-valid one and is mutated once; an answer passes when it is a
 * 4xx problem document, or a 2xx for a mutation that may leave the request valid ({@link FuzzRequests.Fuzzed#mayPass}).
 * No 5xx, no 2xx for a request the mutation made invalid, and nothing stored by a refused request: the store's
 * event count is read before and after every write, and the read models of a control host no fuzzed key may write to
 * must read the same after the run. Prints the seed, the counts per endpoint and status, every failure with its
 * request (request {@code #i} of seed {@code N} is the same request in every run), and {@code N passed, N failed}.
 */
public final class FuzzDrill {

    static final String HOST = "fz";
    static final String CONTROL = "ctl";
    private static final int SHOWN = 300;
    /**
     * {@code quarkus.http.limits.max-initial-line-length}: a longer request line is refused by the HTTP layer with a
     * bare 414 before the application sees it (shorter ones past 8 KiB get a 414 problem from UriLengthFilter).
     */
    private static final int MAX_INITIAL_LINE = 16_384;

    private final ServiceProcess service;
    private final BenchDatabase database;
    private final ObjectMapper mapper = BenchMain.MAPPER;
    private final HttpClient http = ServiceProcess.newClient();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Map<Integer, Integer>> perEndpoint = new TreeMap<>();
    private final Map<Integer, Integer> perStatus = new TreeMap<>();
    private final Map<String, Integer> accepted = new TreeMap<>();
    private long storedByAccepted;
    private int httpLayerRefusals;
    private int retries;
    private int passed;

    private FuzzDrill(ServiceProcess service, BenchDatabase database) {
        this.service = service;
        this.database = database;
    }

    /** Runs the drill; takes {@code --seed N} and {@code --requests N} besides the options of {@code bench/run.sh}. */
    public static void main(String[] args) throws Exception {
        long seed = System.nanoTime() & 0xFFFFFFFFL;
        Integer requests = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                default -> rest.add(args[i]);
            }
        }
        BenchOptions options = BenchOptions.parse(rest.toArray(String[]::new), System.getenv());
        int count = requests != null ? requests : options.quick() ? 2_000 : 10_000;
        if (count < 1) {
            throw new IllegalArgumentException("--requests must be at least 1");
        }
        long started = System.nanoTime();
        try (BenchDatabase database = BenchDatabase.create(options);
             ServiceProcess service = ServiceProcess.start(database.jdbcUrl(), database.user(), database.password(),
                     BenchMain.MAPPER)) {
            FuzzDrill drill = new FuzzDrill(service, database);
            drill.run(seed, count);
            System.out.printf("fuzz: %.1f s in all%n", (System.nanoTime() - started) / 1e9);
            System.out.printf("fuzz: %d passed, %d failed%n", drill.passed, drill.failures.size());
            if (!drill.failures.isEmpty()) {
                System.exit(1);
            }
        }
    }

    private void run(long seed, int count) throws Exception {
        FuzzRequests.Fixture fixture = setUp();
        FuzzRequests requests = new FuzzRequests(fixture, mapper);
        System.out.printf("fuzz: seed %d, %d requests over %d endpoints (bench/run.sh --drill-fuzz --seed %d"
                + " --requests %d repeats them)%n", seed, count, requests.endpoints().size(), seed, count);
        awaitCaughtUp();
        Map<String, String> controlBefore = controlReads();
        long eventsBefore;
        try (Connection connection = connect()) {
            eventsBefore = eventCount(connection);
            long fuzzStarted = System.nanoTime();
            for (int i = 0; i < count; i++) {
                FuzzRequests.Fuzzed request = requests.request(seed, i);
                long before = request.write() ? eventCount(connection) : 0;
                Answer answer = send(request, false);
                long stored = request.write() ? eventCount(connection) - before : 0;
                judge(seed, i, request, answer, stored);
                if (!service.alive()) {
                    expect("the service is running after request #" + i, false, "it exited; see "
                            + ServiceProcess.LOG_FILE + ": " + request.describe(SHOWN));
                    return;
                }
            }
            double seconds = (System.nanoTime() - fuzzStarted) / 1e9;
            System.out.printf("fuzz: %d requests in %.1f s (%.0f/s), %d sent again after a closed connection%n",
                    count, seconds, count / seconds, retries);
            long eventsAfter = eventCount(connection);
            expect("the store grew only by what accepted requests stored",
                    eventsAfter - eventsBefore == storedByAccepted,
                    (eventsAfter - eventsBefore) + " events appended, " + storedByAccepted + " by accepted requests");
        }
        awaitCaughtUp();
        Map<String, String> controlAfter = controlReads();
        for (Map.Entry<String, String> read : controlBefore.entrySet()) {
            String after = controlAfter.get(read.getKey());
            expect("the control host reads the same: " + read.getKey(), read.getValue().equals(after),
                    read.getValue().equals(after) ? read.getValue().length() + " bytes"
                            : "before " + cut(read.getValue(), 200) + " after " + cut(after, 200));
        }
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        expect("the service is ready after the run", ready.statusCode() == 200, "HTTP " + ready.statusCode());
        report();
    }

    /** Hosts, keys and a little of everything on both hosts; the control host is written to only here. */
    private FuzzRequests.Fixture setUp() throws Exception {
        service.registerHost(HOST, "pve-" + HOST, "lab");
        service.registerHost(CONTROL, "pve-" + CONTROL, "infrastructure");
        String ingester = service.createIngesterKey(HOST);
        String controlIngester = service.createIngesterKey(CONTROL);
        String notifier = service.createKey("fuzz notifier", "notifier", List.of(HOST));
        String reader = service.createKey("fuzz reader", "reader");
        String submitter = service.createKey("fuzz submitter", "submitter", List.of(HOST));
        String approver = service.createKey("fuzz approver", "approver", List.of(HOST));
        String controlSubmitter = service.createKey("control submitter", "submitter", List.of(CONTROL));
        String controlApprover = service.createKey("control approver", "approver", List.of(CONTROL));
        JsonNode spare = adminPost("/api/v1/api-keys", "{\"name\":\"fuzz spare\",\"role\":\"reader\",\"hosts\":[\""
                + HOST + "\"]}");

        List<String> taskLines = tasks("pve-" + HOST);
        service.ingestTaskIndex(HOST, ingester, String.join("\n", taskLines) + "\n");
        service.ingestTaskIndex(CONTROL, controlIngester, String.join("\n", tasks("pve-" + CONTROL)) + "\n");
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 3, 9, 0, 0, 0, ZoneOffset.UTC);
        List<String> accessLines = List.of(
                TaskLines.access("192.0.2.7", "root@pam", at, "PUT", "/api2/json/nodes/pve-" + HOST
                        + "/qemu/101/config", 200),
                TaskLines.access("192.0.2.7", "root@pam", at.plusMinutes(5), "POST", "/api2/json/nodes/pve-" + HOST
                        + "/qemu/101/status/start", 200));
        String journalLines = "2026-11-03T11:00:01.640112+01:00 pve-" + HOST
                + " qmeventd[1021]: Starting cleanup for 102\n"
                + "2026-11-03T11:00:02.011977+01:00 pve-" + HOST + " qmeventd[1021]: Finished cleanup for 102\n";
        String notification = "{\"title\":\"vzdump backup status (pve-" + HOST + "): backup successful\","
                + "\"message\":\"Details\\n101 ok\",\"severity\":\"info\",\"timestamp\":1794276043,"
                + "\"fields\":{\"hostname\":\"pve-" + HOST + "\",\"job-id\":\"backup-1\",\"type\":\"vzdump\"}}";
        byte[] tar = Tars.of(Map.of("etc/hosts", "127.0.0.1 localhost\n192.0.2.10 pve-" + HOST + ".lan pve-" + HOST
                + "\n"));
        String heartbeat = "{\"collector\":{\"version\":\"1.4\"},\"sources\":[{\"name\":\"task-index\","
                + "\"lastLineAt\":\"2026-11-03T08:00:00Z\"}]}";
        post(ingester, "/api/v1/hosts/" + HOST + "/ingest/access-log", "text/plain",
                (String.join("\n", accessLines) + "\n").getBytes(StandardCharsets.UTF_8));
        post(ingester, "/api/v1/hosts/" + HOST + "/ingest/journal", "text/plain",
                journalLines.getBytes(StandardCharsets.UTF_8));
        post(notifier, "/api/v1/hosts/" + HOST + "/ingest/pve-notification", "application/json",
                notification.getBytes(StandardCharsets.UTF_8));
        service.ingestConfig(HOST, ingester, tar);

        String request = changeRequest(HOST, "2026-11-20T20:00:00Z");
        JsonNode submitted = post(submitter, "/api/v1/change-requests", "application/json",
                request.getBytes(StandardCharsets.UTF_8));
        String entry = "{\"kind\":\"note\",\"summary\":\"fuzz note\",\"details\":\"checked the *backups*\","
                + "\"occurredAt\":\"2026-11-02T10:00:00Z\"}";
        JsonNode recorded = post(submitter, "/api/v1/hosts/" + HOST + "/entries", "application/json",
                entry.getBytes(StandardCharsets.UTF_8));

        JsonNode control = post(controlSubmitter, "/api/v1/change-requests", "application/json",
                changeRequest(CONTROL, "2026-11-10T20:00:00Z").getBytes(StandardCharsets.UTF_8));
        post(controlApprover, "/api/v1/change-requests/" + control.path("id").asText() + "/approve",
                "application/json", "{\"comment\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        post(controlSubmitter, "/api/v1/hosts/" + CONTROL + "/entries", "application/json",
                ("{\"kind\":\"change\",\"summary\":\"apt full-upgrade\",\"details\":\"kernel\","
                        + "\"occurredAt\":\"2026-11-05T21:00:00Z\",\"disruption\":{\"start\":\"2026-11-05T21:05:00Z\","
                        + "\"end\":\"2026-11-05T21:09:00Z\"}}").getBytes(StandardCharsets.UTF_8));

        UpidBuilder first = upid("pve-" + HOST, 0);
        ObjectNode apiTask = TaskLines.apiFinished(first, first.startTime().plusSeconds(7), "OK");
        return new FuzzRequests.Fixture(HOST, service.adminToken(), reader, ingester, notifier, submitter, approver,
                submitted.path("id").asText(), recorded.path("id").asText(), spare.path("id").asText(),
                String.join("\n", taskLines) + "\n", "{\"data\":[" + mapper.writeValueAsString(apiTask) + "]}",
                String.join("\n", accessLines) + "\n", journalLines, notification, tar, heartbeat, request, entry);
    }

    private static String changeRequest(String host, String start) {
        Instant from = Instant.parse(start);
        return "{\"hostId\":\"" + host + "\",\"target\":\"101\",\"title\":\"Grow the disk\",\"description\":"
                + "\"resize scsi0 +8G\",\"plannedStart\":\"" + from + "\",\"plannedEnd\":\"" + from.plusSeconds(3600)
                + "\",\"risk\":\"low\",\"rollbackPlan\":\"restore the backup\"}";
    }

    private static UpidBuilder upid(String node, int i) {
        String[] types = {"qmstart", "qmshutdown", "vzdump", "qmreboot", "qmigrate", "aptupdate"};
        return UpidBuilder.upid().node(node).pid(0x1000L + i).pstart(0x00ABC000L + i)
                .startTime(Instant.parse("2026-11-01T10:00:00Z").plusSeconds(3600L * i))
                .type(types[i % types.length]).id(i % types.length == 5 ? "" : Integer.toString(101 + i % 3));
    }

    private static List<String> tasks(String node) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UpidBuilder upid = upid(node, i);
            lines.add(TaskLines.index(upid.text(), upid.startTime().plusSeconds(5 + i), i == 4 ? "migration aborted"
                    : "OK"));
        }
        return lines;
    }

    /** Everything a reader sees of the control host, read through the API. */
    private Map<String, String> controlReads() throws Exception {
        Map<String, String> reads = new LinkedHashMap<>();
        String h = "/api/v1/hosts/" + CONTROL;
        for (String path : List.of("/api/v1/events?host=" + CONTROL + "&limit=1000",
                h + "/stats?from=2026-01-01&to=2027-01-01&bucket=month", h + "/disruptions?from=2026-01-01&to=2027-01-01",
                h + "/tasks?limit=1000", h + "/entries", h + "/unplanned?from=2026-11-01&to=2026-12-01",
                h + "/guests", h + "/evidence?from=2026-11-01&to=2026-12-01",
                "/api/v1/change-requests?host=" + CONTROL, "/api/v1/reports/stability/2026-11?host=" + CONTROL)) {
            JsonNode read = service.get(path);
            if (read instanceof ObjectNode object) {
                object.remove("generatedAt");
            }
            reads.put(path, mapper.writeValueAsString(read));
        }
        return reads;
    }

    /** Waits until every processor has caught up with the store (at most 2 minutes). */
    private void awaitCaughtUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            boolean behind = false;
            for (JsonNode processor : service.get("/api/v1/admin/processors").path("items")) {
                behind |= processor.path("lagEvents").asLong() > 0 || processor.path("replaying").asBoolean();
            }
            if (!behind) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processors did not catch up within 2 minutes");
            }
            Thread.sleep(200);
        }
    }

    private void judge(long seed, int index, FuzzRequests.Fuzzed request, Answer answer, long stored) {
        perEndpoint.computeIfAbsent(request.endpoint(), e -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        perStatus.merge(answer.status(), 1, Integer::sum);
        String fault = fault(request, answer, stored);
        if (fault == null) {
            passed++;
            if (answer.status() / 100 == 2 && request.write()) {
                accepted.merge(request.endpoint() + " (" + request.mutation() + ")", 1, Integer::sum);
                storedByAccepted += stored;
            }
            return;
        }
        if (answer.status() / 100 == 2) {
            storedByAccepted += stored;
        }
        String line = String.format(Locale.ROOT, "#%d of seed %d: %s; %s -> HTTP %d %s", index, seed, fault,
                request.describe(SHOWN), answer.status(), cut(answer.body(), SHOWN));
        failures.add(line);
        System.out.println("fuzz: FAILED " + line);
    }

    /** Why an answer is wrong, or null when it is right. */
    private String fault(FuzzRequests.Fuzzed request, Answer answer, long stored) {
        int status = answer.status();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return "HTTP " + status;
        }
        if (status >= 400) {
            if (stored != 0) {
                return "refused, yet " + stored + " events stored";
            }
            if (status == 414 && request.pathAndQuery().length() > MAX_INITIAL_LINE && answer.body().isEmpty()) {
                httpLayerRefusals++;
                return null;
            }
            return problemFault(answer);
        }
        if (!request.mayPass()) {
            return "accepted a request the mutation made invalid (" + stored + " events stored)";
        }
        if (stored > 0 && request.ingestion() && answer.body() != null) {
            try {
                JsonNode body = mapper.readTree(answer.body());
                long took = body.path("accepted").asLong() + body.path("baselines").asLong()
                        + body.path("drifts").asLong();
                if (took == 0) {
                    return "answered that nothing was accepted, yet " + stored + " events stored";
                }
            } catch (Exception e) {
                return "a 2xx whose body is not JSON: " + e.getMessage();
            }
        }
        return null;
    }

    private String problemFault(Answer answer) {
        String type = answer.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "a " + answer.status() + " of content type " + type + ", not application/problem+json";
        }
        try {
            JsonNode problem = mapper.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status()) {
                return "the problem's status " + problem.path("status") + " is not the HTTP status";
            }
            if (problem.path("title").asText("").isBlank() || problem.path("detail").asText("").isBlank()) {
                return "a problem without title or detail";
            }
            return null;
        } catch (Exception e) {
            return "a problem document that is not JSON: " + e.getMessage();
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer send(FuzzRequests.Fuzzed request, boolean retried) throws Exception {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(service.base() + request.pathAndQuery()))
                    .timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the fuzzer built an invalid URI: " + request.pathAndQuery(), e);
        }
        request.headers().forEach(builder::header);
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            if (request.stream()) {
                HttpResponse<InputStream> response = http.send(builder.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                String body = "";
                try (InputStream in = response.body()) {
                    if (response.statusCode() != 200) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        body);
            }
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (java.io.IOException e) {
            if (!retried && service.alive()) {
                // a pooled connection the service had closed (after a bare 414, say): the request never arrived
                retries++;
                return send(request, true);
            }
            return new Answer(-1, null, "no answer: " + e);
        }
    }

    private void report() {
        System.out.println("fuzz: requests per endpoint and status");
        perEndpoint.forEach((endpoint, statuses) -> System.out.printf("fuzz:   %-58s %6d  %s%n", endpoint,
                statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses));
        System.out.println("fuzz: requests per status " + perStatus);
        System.out.println("fuzz: " + httpLayerRefusals + " request lines over " + MAX_INITIAL_LINE
                + " bytes refused by the HTTP layer with a bare 414 (quarkus.http.limits.max-initial-line-length)");
        System.out.println("fuzz: accepted writes (valid after their mutation), " + storedByAccepted
                + " events stored by them:");
        accepted.forEach((what, n) -> System.out.printf("fuzz:   %-80s %5d%n", what, n));
    }

    private void expect(String what, boolean holds, String detail) {
        System.out.printf("fuzz: %s %s (%s)%n", holds ? "ok" : "FAILED", what, detail);
        if (holds) {
            passed++;
        } else {
            failures.add(what + ": " + detail);
        }
    }

    private Connection connect() throws Exception {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        connection.setAutoCommit(true);
        return connection;
    }

    private static long eventCount(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from domain_event")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private JsonNode adminPost(String path, String json) throws Exception {
        return post(service.adminToken(), path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode post(String token, String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.base() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("setting up: POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
    }

    static String cut(String text, int max) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() <= max ? flat : flat.substring(0, max) + "... (" + text.length() + " chars)";
    }

    static String bytes(byte[] body, int max) {
        if (body == null) {
            return "(no body)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length && out.length() < max; i++) {
            int b = body[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format(Locale.ROOT, "\\x%02X", b));
            }
        }
        return out + (out.length() >= max ? "... (" + body.length + " bytes)" : "");
    }

    static List<String> list(String... items) {
        return Arrays.asList(items);
    }
}
