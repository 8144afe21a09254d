package changeledger.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client of {@code GET /api/v1/events/stream}: opened until the stream's first comment (the service then reads
 * from its head), then it reads events, keeping each one's SSE {@code id} and when it arrived, until it has as many as
 * it expects. An event counts at the blank line that ends it.
 */
final class SseClient implements Closeable {

    private final BufferedReader reader;
    private final Closeable body;
    private long[] ids = new long[0];
    private int count;
    private long lastNanos;

    SseClient(BufferedReader reader, Closeable body) {
        this.reader = reader;
        this.body = body;
    }

    /** Opens a stream with a Bearer key and waits for its first comment line. */
    static SseClient open(HttpClient http, URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        SseClient client = new SseClient(new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8)), response.body());
        if (response.statusCode() != 200) {
            client.close();
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
        }
        client.awaitComment();
        return client;
    }

    /** Reads up to the first comment line; fails when the stream ends or sends an event first. */
    void awaitComment() throws IOException {
        String line = reader.readLine();
        while (line != null && line.isEmpty()) {
            line = reader.readLine();
        }
        if (line == null || !line.startsWith(":")) {
            throw new IllegalStateException("the stream began with " + line + " instead of a comment");
        }
    }

    /**
     * Reads until {@code expected} events have come; stops early, without a failure of its own, when {@code failed}
     * is set at a line (keep-alive comments come every 15 s), and fails when the stream ends or the deadline
     * ({@link System#nanoTime()}) passes first.
     */
    void read(int expected, long deadline, AtomicBoolean failed) throws IOException {
        ids = new long[expected];
        count = 0;
        String id = null;
        while (count < expected && !failed.get()) {
            String line = reader.readLine();
            if (line == null) {
                throw new IllegalStateException("the stream ended after " + count + " of " + expected + " events");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count + " of " + expected + " events before the deadline");
            }
            if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.isEmpty() && id != null) {
                ids[count++] = Long.parseLong(id);
                lastNanos = System.nanoTime();
                id = null;
            }
        }
    }

    /** The ids of the last {@link #read}, sorted (a double shows as a repeated value). */
    long[] sortedIds() {
        long[] sorted = Arrays.copyOf(ids, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** When the last event of the last {@link #read} arrived ({@link System#nanoTime()}). */
    long lastNanos() {
        return lastNanos;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
