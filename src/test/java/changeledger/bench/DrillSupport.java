package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the crash and restore drills share: their tally of checks (each printed as it is decided, then
 * {@code N passed, N failed}), waiting for the processors, replaying every projection, and what readers see of a
 * host through the API, taken so that two takes can be compared.
 */
final class DrillSupport {

    /** The report's {@code generatedAt}, the one field two reports of the same events differ in (ADR 0018). */
    private static final Pattern GENERATED_JSON = Pattern.compile("\"generatedAt\":\"[^\"]*\"");
    private static final Pattern GENERATED_TEXT = Pattern.compile("Generated [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z");

    private final String name;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    DrillSupport(String name) {
        this.name = name;
    }

    /** Counts and prints one check. */
    boolean expect(String what, boolean holds, String detail) {
        System.out.printf("%s: %s %s (%s)%n", name, holds ? "ok" : "FAILED", what, detail);
        if (holds) {
            passed++;
        } else {
            failures.add(what + ": " + detail);
        }
        return holds;
    }

    /** Prints a step that is not a check. */
    void note(String format, Object... args) {
        System.out.printf(name + ": " + format + "%n", args);
    }

    /** Prints the tally and the failures; the exit status the drill should end with. */
    int finish() {
        System.out.printf("%s: %d passed, %d failed%n", name, passed, failures.size());
        failures.forEach(f -> System.out.println(name + ": FAILED " + f));
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * Waits until every processor stands at the safe head with no replay under way; answers whether it did within
     * {@code timeout}.
     */
    static boolean awaitCaughtUp(ServiceProcess service, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (caughtUp(service.get("/api/v1/admin/processors"))) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static boolean caughtUp(JsonNode processors) {
        for (JsonNode p : processors.path("items")) {
            if (p.path("lagEvents").asLong() != 0 || p.path("lagEventsAtLeast").asBoolean()
                    || p.path("replaying").asBoolean()) {
                return false;
            }
        }
        return processors.path("items").size() > 0;
    }

    /** The processors' lag, as {@code name=lag} pairs with the position of a replay under way, for the log. */
    static String lags(ServiceProcess service) throws Exception {
        List<String> lags = new ArrayList<>();
        for (JsonNode p : service.get("/api/v1/admin/processors").path("items")) {
            lags.add(p.path("name").asText() + "=" + p.path("lagEvents").asLong()
                    + (p.path("lagEventsAtLeast").asBoolean() ? "+" : "")
                    + (p.path("replaying").asBoolean() ? " (replay at " + p.path("replayPosition").asLong() + ")" : ""));
        }
        return String.join(" ", lags);
    }

    /**
     * Requests a replay of every processor ({@code POST /api/v1/admin/processors/{name}/replay}) and waits until
     * each replayed one has switched over to its new generation and caught up; answers the names replayed.
     */
    List<String> replayAll(ServiceProcess service, Duration timeout) throws Exception {
        Map<String, Integer> requested = requestReplays(service);
        awaitReplays(service, requested, timeout);
        return List.copyOf(requested.keySet());
    }

    /**
     * Requests a replay of every processor; checks that the append-only ones answer 409 and the others 202. Answers
     * the generation each replayed processor is building.
     */
    Map<String, Integer> requestReplays(ServiceProcess service) throws Exception {
        Map<String, Integer> requested = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode p : service.get("/api/v1/admin/processors").path("items")) {
            String processor = p.path("name").asText();
            HttpResponse<String> answer = service.postEmpty("/api/v1/admin/processors/" + processor + "/replay");
            if (answer.statusCode() == 202) {
                requested.put(processor, BenchMain.MAPPER.readTree(answer.body()).path("generation").asInt());
            } else if (answer.statusCode() == 409) {
                refused.add(processor);
            } else {
                expect("a replay of " + processor + " is accepted or refused as append-only", false,
                        "HTTP " + answer.statusCode() + ": " + answer.body());
            }
        }
        expect("the projections take a replay request (202), the append-only processors refuse it (409)",
                !requested.isEmpty() && refused.contains("seal-chain"), "replaying "
                        + String.join(", ", requested.keySet()) + "; append-only: " + String.join(", ", refused));
        return requested;
    }

    /** Waits until each processor of {@code requested} has switched over to the generation it was building. */
    void awaitReplays(ServiceProcess service, Map<String, Integer> requested, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean done = false;
        while (!done && System.nanoTime() < deadline) {
            JsonNode processors = service.get("/api/v1/admin/processors");
            done = caughtUp(processors);
            for (JsonNode p : processors.path("items")) {
                Integer generation = requested.get(p.path("name").asText());
                if (generation != null && p.path("generation").asInt() < generation) {
                    done = false;
                }
            }
            if (!done) {
                Thread.sleep(500);
            }
        }
        expect("every replay switched over to its new generation and caught up", done,
                String.format("%.1f s", (System.nanoTime() - start) / 1e9));
    }

    /**
     * What readers see of a host, reader by reader: change statistics by day and by month, disruption windows (the
     * length of open ones left out), the
     * monthly report of each month (JSON, {@code generatedAt} masked), the task view and the event index (an NDJSON
     * export) walked whole, and the guests. Each as the SHA-256 of its bytes with its size; the bytes themselves are
     * written to {@code keepIn}, one file a reader, to compare by hand when a check fails.
     */
    static Map<String, String> readerView(ServiceProcess service, String host, String from, String to,
                                          List<String> months, Path keepIn) throws Exception {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String range = "from=" + from + "&to=" + to;
        bodies.put("stats by day", body(service, "/api/v1/hosts/" + host + "/stats?" + range + "&bucket=day",
                "application/json"));
        bodies.put("stats by month", body(service, "/api/v1/hosts/" + host + "/stats?" + range + "&bucket=month",
                "application/json"));
        bodies.put("disruption windows", closedLengths(body(service, "/api/v1/hosts/" + host + "/disruptions?"
                + range, "application/json")));
        for (String month : months) {
            bodies.put("report " + month + " (JSON)", maskGenerated(body(service, "/api/v1/reports/stability/"
                    + month + "?host=" + host, "application/json")));
        }
        bodies.put("task view", taskPages(service, host));
        bodies.put("event export", body(service, "/api/v1/events?host=" + host, "application/x-ndjson"));
        bodies.put("guests", body(service, "/api/v1/hosts/" + host + "/guests", "application/json"));
        Files.createDirectories(keepIn);
        Map<String, String> view = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> reader : bodies.entrySet()) {
            Files.write(keepIn.resolve(reader.getKey().replaceAll("[^a-zA-Z0-9-]+", "_")), reader.getValue());
            view.put(reader.getKey(), digest(reader.getValue()));
        }
        return view;
    }

    /**
     * Disruption windows with the length of the open ones left out: an open window lasts up to now, so its
     * {@code durationMinutes} grows between two takes whatever the projection holds.
     */
    static byte[] closedLengths(byte[] windows) throws Exception {
        JsonNode list = BenchMain.MAPPER.readTree(windows);
        for (JsonNode window : list.path("items")) {
            if (window.path("open").asBoolean()) {
                ((ObjectNode) window).putNull("durationMinutes");
            }
        }
        return BenchMain.MAPPER.writeValueAsBytes(list);
    }

    /** Every page of a host's task view, one after the other. */
    static byte[] taskPages(ServiceProcess service, String host) throws Exception {
        StringBuilder all = new StringBuilder();
        String after = null;
        do {
            String path = "/api/v1/hosts/" + host + "/tasks?limit=1000"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            JsonNode page = service.get(path);
            page.path("items").forEach(item -> all.append(item).append('\n'));
            after = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (after != null);
        return all.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The number of tasks the task view lists for a host. */
    static long taskCount(ServiceProcess service, String host) throws Exception {
        byte[] pages = taskPages(service, host);
        long lines = 0;
        for (byte b : pages) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    /** A 200 answer's bytes; anything else fails the drill. */
    static byte[] body(ServiceProcess service, String path, String accept) throws Exception {
        HttpResponse<byte[]> answer = service.getBytes(path, accept);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
        return answer.body();
    }

    /** A report with its {@code generatedAt} (JSON) or "Generated ..." (HTML, Markdown) replaced by a fixed text. */
    static byte[] maskGenerated(byte[] report) {
        String text = new String(report, StandardCharsets.UTF_8);
        text = GENERATED_JSON.matcher(text).replaceAll("\"generatedAt\":\"-\"");
        text = GENERATED_TEXT.matcher(text).replaceAll("Generated -");
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of the bytes (hex, first 16 digits) and their length. */
    static String digest(byte[] bytes) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
        return HexFormat.of().formatHex(hash).substring(0, 16) + " (" + bytes.length + " bytes)";
    }

    /** Checks two takes of the readers' view reader by reader. */
    void compare(String what, Map<String, String> before, Map<String, String> after) {
        for (Map.Entry<String, String> reader : before.entrySet()) {
            String now = after.get(reader.getKey());
            expect(reader.getKey() + " " + what, reader.getValue().equals(now),
                    reader.getValue().equals(now) ? now : reader.getValue() + " then " + now);
        }
    }
}
