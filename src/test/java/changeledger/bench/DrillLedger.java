package changeledger.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a drill checked and what its clients got: every check printed as it is decided ({@code <drill>: ok ...} or
 * {@code <drill>: FAILED ...}), the status codes of every request, the refusals without {@code Retry-After}, and
 * the requests that got no answer at all. {@link #finish()} prints {@code N passed, N failed}.
 */
final class DrillLedger {

    private final String drill;
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private int passed;

    DrillLedger(String drill) {
        this.drill = drill;
    }

    /** Prints a line of what the drill does or measured. */
    void say(String format, Object... args) {
        System.out.printf(drill + ": " + format + "%n", args);
        System.out.flush();
    }

    /** Decides and prints one check. */
    synchronized void expect(String what, boolean holds, String detail) {
        say("%s %s (%s)", holds ? "ok" : "FAILED", what, detail);
        if (holds) {
            passed++;
        } else {
            failures.add(what + ": " + detail);
        }
    }

    /** Counts an answer by its status; a 503 without {@code Retry-After} and a sample of every 5xx are kept. */
    void count(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
            refusedWithoutRetryAfter.incrementAndGet();
        }
        if ((status >= 500 && status != 503 || status / 100 == 4) && samples.size() < 10) {
            String body = response.body() == null ? "" : response.body();
            samples.add(what + " -> " + status + " " + body.substring(0, Math.min(300, body.length())));
        }
    }

    /** Counts a request that got no HTTP answer (connection refused or reset, timeout). */
    void unanswered(String what, Exception e) {
        unanswered.incrementAndGet();
        if (samples.size() < 10) {
            samples.add(what + " -> " + e);
        }
    }

    /** Requests answered with {@code status}. */
    int answered(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    /** Requests answered 2xx. */
    int succeeded() {
        return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Requests answered neither 2xx nor 503. */
    int unexpected() {
        return statuses.entrySet().stream().filter(e -> e.getKey() / 100 != 2 && e.getKey() != 503)
                .mapToInt(e -> e.getValue().get()).sum();
    }

    int refusedWithoutRetryAfter() {
        return refusedWithoutRetryAfter.get();
    }

    int unanswered() {
        return unanswered.get();
    }

    /** The status codes counted so far, e.g. {@code {200=812, 503=40}}. */
    String statusCounts() {
        Map<Integer, Integer> sorted = new TreeMap<>();
        statuses.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted.toString();
    }

    /** Prints the samples of unexpected answers. */
    void printSamples() {
        samples.forEach(s -> say("sample: %s", s));
    }

    /** Prints {@code N passed, N failed} and the failures; answers the exit code. */
    int finish() {
        say("%d passed, %d failed", passed, failures.size());
        failures.forEach(f -> say("FAILED %s", f));
        return failures.isEmpty() ? 0 : 1;
    }
}
