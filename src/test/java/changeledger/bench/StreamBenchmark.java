package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Live stream fan-out (issue 20): {@value #CLIENTS} clients of {@code GET /api/v1/events/stream?host=} a host of its
 * own, opened before a round (untimed), while that host's collector uploads a round's task-index lines in uploads of
 * {@value #UPLOAD_LINES}; the round ends when every client has every event. The rate is the events delivered to all
 * clients a second. Before the next round (and at the end) each client's SSE ids must be exactly the positions of
 * the events the round stored for the host (from the event table): every event once. No SQL reference: PostgreSQL
 * has no fan-out of its own to compare with.
 */
public final class StreamBenchmark implements Benchmark {

    static final String HOST = "bench-stream";
    static final int CLIENTS = 50;
    static final int UPLOAD_LINES = 250;

    /** How long one round may take before it fails as a stream that lost events. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private static final String POSITIONS = """
            select position from domain_event where position > ? and payload->>'hostId' = ? order by position
            """;

    private final QueryFixture fixture;
    private final int lines;
    private final List<SseClient> clients = new ArrayList<>();
    private final List<QueryFixture.Upload> uploads = new ArrayList<>();
    private HttpClient http;
    private TaskLineGenerator generator;
    private String token;
    private Connection connection;
    private long positionBefore;
    private int runs;
    private List<MeasuredPath.Figure> figures = List.of();

    /** {@code lines} task lines (two events each) a round. */
    public StreamBenchmark(QueryFixture fixture, int lines) {
        this.fixture = fixture;
        this.lines = lines;
    }

    @Override
    public String name() {
        return "stream";
    }

    @Override
    public String description() {
        return String.format("%d SSE clients of GET /api/v1/events/stream?host=%s while %,d task-index lines (%,d"
                + " events) are uploaded in uploads of %d; on the read benchmarks' service", CLIENTS, HOST, lines,
                2 * lines, UPLOAD_LINES);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        token = fixture.service().registerHostWithIngester(HOST);
        generator = new TaskLineGenerator("pve-" + HOST, 904L, QueryFixture.end(),
                TaskLineGenerator.gapSpreadFor(lines, Duration.ofDays(1)));
        http = ServiceProcess.newClient();
        connection = database.connect();
        connection.setAutoCommit(true);
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(new FiguredPath("stream_fanout", "events/s", "SSE events delivered to all " + CLIENTS
                + " clients, HTTP/1.1, a reader key, from the first upload until every client had every event",
                this::prepare, this::run, () -> figures));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of();
    }

    /** Untimed: checks and closes the last round's clients, packs this round's uploads and opens the clients. */
    private void prepare() throws Exception {
        checkClients();
        uploads.clear();
        for (int sent = 0; sent < lines; sent += UPLOAD_LINES) {
            int size = Math.min(UPLOAD_LINES, lines - sent);
            uploads.add(new QueryFixture.Upload(HOST, token, String.join("\n", generator.indexLines(size)) + "\n",
                    size));
        }
        positionBefore = maxPosition();
        URI uri = URI.create(fixture.service().base() + "/api/v1/events/stream?host=" + HOST);
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(SseClient.open(http, uri, fixture.readerToken()));
        }
    }

    private long run() throws Exception {
        int events = 2 * lines;
        long start = System.nanoTime();
        long deadline = start + DEADLINE.toNanos();
        long[] uploaded = new long[1];
        Workers.run(1 + CLIENTS, ++runs, (worker, random, failed) -> {
            if (worker > 0) {
                clients.get(worker - 1).read(events, deadline, failed);
                return;
            }
            for (QueryFixture.Upload upload : uploads) {
                if (failed.get()) {
                    return;
                }
                fixture.send(upload);
            }
            uploaded[0] = System.nanoTime();
        });
        long last = clients.stream().mapToLong(SseClient::lastNanos).max().orElseThrow();
        figures = List.of(
                new MeasuredPath.Figure("stream_fanout_client", "events/s", "events a second each client received,"
                        + " from the first upload until the last client had all", events / ((last - start) / 1e9)),
                new MeasuredPath.Figure("stream_fanout_tail", "ms", "from the last upload's answer until every"
                        + " client had every event", (last - uploaded[0]) / 1e6));
        return (long) CLIENTS * events;
    }

    /** Each client of the last round received exactly the round's events of the host, each once. */
    private void checkClients() throws Exception {
        if (clients.isEmpty()) {
            return;
        }
        try {
            long[] stored = storedPositions();
            TimedPath.expect(stored.length, 2L * lines, "events stored for " + HOST + " in a round");
            for (int c = 0; c < clients.size(); c++) {
                if (!Arrays.equals(clients.get(c).sortedIds(), stored)) {
                    throw new IllegalStateException("stream client " + c + " did not receive each of the round's "
                            + stored.length + " events exactly once");
                }
            }
        } finally {
            closeClients();
        }
    }

    private long[] storedPositions() throws Exception {
        List<Long> positions = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(POSITIONS)) {
            statement.setLong(1, positionBefore);
            statement.setString(2, HOST);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    positions.add(rs.getLong(1));
                }
            }
        }
        return positions.stream().mapToLong(Long::longValue).toArray();
    }

    private long maxPosition() throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("select coalesce(max(position), 0)"
                + " from domain_event"); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void closeClients() throws IOException {
        for (SseClient client : clients) {
            client.close();
        }
        clients.clear();
    }

    @Override
    public void close() throws Exception {
        try {
            checkClients();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
