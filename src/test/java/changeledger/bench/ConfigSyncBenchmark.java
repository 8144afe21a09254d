package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * One configuration sync (issue 18): a node of {@value NodeSnapshot#GUESTS} guests pushes its whole snapshot
 * ({@code POST /api/v1/hosts/{id}/ingest/config}, a tar) after one value of one guest changed, one sync after the
 * other, against PostgreSQL reading the same rows the sync compares with (the host's {@code config_snapshot} rows,
 * every column) over JDBC. The baseline is pushed while loading. Every answer must report exactly one drift, and before
 * the next round (and at the end) the event API must list exactly the round's drifts, each with its one change, so a
 * broken path fails the run. No target yet.
 */
public final class ConfigSyncBenchmark implements Benchmark {

    static final String HOST = "bench-config";

    private static final String SNAPSHOT_SQL = """
            select target, taken_at, entries::text from config_snapshot where host_id = ? and source = 'config'
            """;

    private final QueryFixture fixture;
    private final int syncs;
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<NodeSnapshot.Change> unchecked = new ArrayList<>();
    private NodeSnapshot snapshot;
    private String token;
    private Connection connection;
    private long checkedUpTo;
    private List<MeasuredPath.Figure> httpFigures = List.of();
    private List<MeasuredPath.Figure> sqlFigures = List.of();

    /** {@code syncs} syncs (and as many reads) a round, one after the other. */
    public ConfigSyncBenchmark(QueryFixture fixture, int syncs) {
        this.fixture = fixture;
        this.syncs = syncs;
    }

    @Override
    public String name() {
        return "config_sync";
    }

    @Override
    public String description() {
        return String.format("%d syncs a round in turn: POST /api/v1/hosts/%s/ingest/config, a tar of %d guest"
                + " configs and the node's files with one value changed; on the read benchmarks' service", syncs,
                HOST, NodeSnapshot.GUESTS);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        token = fixture.service().registerHostWithIngester(HOST);
        snapshot = new NodeSnapshot();
        JsonNode baseline = fixture.service().ingestConfig(HOST, token, snapshot.tar());
        TimedPath.expect(baseline.path("baselines").asLong(), snapshot.targets(), "baselines of " + HOST);
        connection = database.connect();
        connection.setAutoCommit(true);
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new FiguredPath("config_sync_http", "syncs/s", "POST .../ingest/config of the whole snapshot over"
                        + " HTTP/1.1, an ingester key, answer after commit, one at a time", this::prepareSyncs,
                        this::sync, () -> httpFigures),
                new FiguredPath("config_sync_sql", "reads/s", "the host's config_snapshot rows (target, taken_at,"
                        + " entries as text) by SQL over JDBC, one statement at a time", this::read, () -> sqlFigures));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("config_sync_vs_sql", "config_sync_http", "config_sync_sql"));
    }

    /** Untimed: checks the last round's drifts, then changes one value for each sync of this round and packs it. */
    private void prepareSyncs() throws Exception {
        checkDrifts();
        bodies.clear();
        for (int i = 0; i < syncs; i++) {
            unchecked.add(snapshot.changeOne());
            bodies.add(snapshot.tar());
        }
    }

    private long sync() throws Exception {
        long[] nanos = new long[syncs];
        for (int i = 0; i < syncs; i++) {
            long start = System.nanoTime();
            JsonNode answer = fixture.service().ingestConfig(HOST, token, bodies.get(i));
            nanos[i] = System.nanoTime() - start;
            if (answer.path("drifts").asInt() != 1 || answer.path("baselines").asInt() != 0
                    || answer.path("unchanged").asInt() != snapshot.targets() - 1
                    || answer.path("files").asInt() != snapshot.files() || answer.path("rejectedCount").asInt() != 0) {
                throw new IllegalStateException("a sync with one changed value answered " + answer);
            }
        }
        httpFigures = Latencies.ofNanos(nanos).medianAndMax("config_sync", String.format("of a round's %d syncs",
                syncs));
        return syncs;
    }

    private long read() throws Exception {
        long[] nanos = new long[syncs];
        for (int i = 0; i < syncs; i++) {
            long start = System.nanoTime();
            int rows = 0;
            try (PreparedStatement statement = connection.prepareStatement(SNAPSHOT_SQL)) {
                statement.setString(1, HOST);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getString(2);
                        rs.getString(3);
                        rows++;
                    }
                }
            }
            nanos[i] = System.nanoTime() - start;
            TimedPath.expect(rows, snapshot.targets(), "config_snapshot rows of " + HOST);
        }
        sqlFigures = Latencies.ofNanos(nanos).medianAndMax("config_sync_sql", String.format("of a round's %d reads",
                syncs));
        return syncs;
    }

    /**
     * Once the processors have caught up: the event API lists, after the last checked drift, exactly one
     * {@code ConfigDriftObserved} per sync not yet checked, in order, each with that sync's one change.
     */
    private void checkDrifts() throws Exception {
        if (unchecked.isEmpty()) {
            return;
        }
        fixture.awaitProcessors();
        JsonNode page = fixture.service().get("/api/v1/events?host=" + HOST + "&type=ConfigDriftObserved&after="
                + checkedUpTo + "&limit=1000");
        JsonNode items = page.path("items");
        TimedPath.expect(items.size(), unchecked.size(), "drifts of " + HOST + " after position " + checkedUpTo);
        for (int i = 0; i < items.size(); i++) {
            JsonNode payload = items.get(i).path("payload");
            JsonNode changes = payload.path("changes");
            NodeSnapshot.Change expected = unchecked.get(i);
            if (!expected.guest().equals(payload.path("guest").asText()) || changes.size() != 1
                    || !"memory".equals(changes.path(0).path("key").asText())
                    || !expected.before().equals(changes.path(0).path("before").asText())
                    || !expected.after().equals(changes.path(0).path("after").asText())) {
                throw new IllegalStateException("drift " + payload + " is not " + expected);
            }
            checkedUpTo = items.get(i).path("position").asLong();
        }
        unchecked.clear();
    }

    @Override
    public void close() throws Exception {
        try {
            checkDrifts();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
