package changeledger.bench;

import changeledger.projection.ChangeCounts;
import changeledger.projection.DayRange;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stats latency (issue 6, item 5, the stats part): {@code GET /api/v1/hosts/{id}/stats} of the query data set's two
 * hosts over loopback at concurrency 8, one-month ranges by day and one-year ranges by month, many of them cut inside
 * a day at both ends ({@link StatsTruth#cases}); every answer is checked bucket by bucket against the task starts
 * counted on the event index. Against the same rollup read by SQL at the same concurrency.
 */
public final class StatsBenchmark implements Benchmark {

    static final int CONCURRENCY = QueryBenchmark.CONCURRENCY;

    /**
     * The SQL reference: the statement the service runs ({@code ChangeStatsReader}: the rollup's whole days of
     * the generation readers see, and per-event counts of the partial day at each end of the range, in one snapshot),
     * with the buckets summed by PostgreSQL instead of in Java: one row per bucket and class that has counts.
     */
    static final String STATS_SQL = """
            with active as (
                select g.generation, g.time_zone
                  from processor_token t join change_stats_generation g on g.generation = t.generation
                 where t.name = 'change-stats'),
            days as (
                select d.day, d.event_class, d.events::bigint as events
                  from active a join change_stats_day d on d.generation = a.generation
                 where d.host_id = ? and d.day >= ? and d.day < ?
                union all
                select ?::date, i.event_class, count(*)
                  from active a join change_stats_item i on i.generation = a.generation
                 where i.host_id = ? and i.counted and i.occurred_at >= ? and i.occurred_at < ?
                 group by i.event_class
                union all
                select ?::date, i.event_class, count(*)
                  from active a join change_stats_item i on i.generation = a.generation
                 where i.host_id = ? and i.counted and i.occurred_at >= ? and i.occurred_at < ?
                 group by i.event_class)
            select date_trunc(?, day::timestamp)::date, event_class, sum(events)
              from days group by 1, 2
            """;

    private final QueryFixture fixture;
    private final int requests;
    private final List<Connection> connections = new ArrayList<>();
    private HttpClient http;
    private List<StatsTruth.Case> cases;
    private final Map<StatsTruth.Case, List<StatsTruth.Bucket>> expected = new HashMap<>();
    private int httpRuns;
    private int sqlRuns;
    private List<MeasuredPath.Figure> httpFigures = List.of();
    private List<MeasuredPath.Figure> sqlFigures = List.of();

    /** {@code requests} stats requests a round on each path, on the shared data set. */
    public StatsBenchmark(QueryFixture fixture, int requests) {
        this.fixture = fixture;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public String description() {
        return String.format("%,d requests a round at concurrency %d: GET /api/v1/hosts/{id}/stats of 2 hosts,"
                + " %d ranges (a month by day, a year by month, most cut inside a day); the query data set",
                requests, CONCURRENCY, cases == null ? 0 : cases.size());
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        cases = StatsTruth.cases(List.of(QueryFixture.INFRA, QueryFixture.LAB), QueryFixture.FIRST_MONTH,
                QueryFixture.MONTHS, 6L);
        for (StatsTruth.Case request : cases) {
            expected.put(request, StatsTruth.expected(request, fixture.startsByHour(request.host())));
        }
        http = ServiceProcess.newClient();
        connections.addAll(database.autoCommitConnections(CONCURRENCY));
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new FiguredPath("stats_http", "requests/s", "GET /api/v1/hosts/{id}/stats over HTTP/1.1 from the"
                        + " packaged service, a reader key, 8 client threads", this::runHttp,
                        () -> ServiceMemory.plus(httpFigures, ServiceMemory.after("stats", "a round of stats",
                                fixture.service()))),
                new FiguredPath("stats_sql", "queries/s", "the same rollup read by SQL over JDBC: whole days from"
                        + " change_stats_day, the partial end days from change_stats_item, buckets summed by"
                        + " PostgreSQL; 8 connections", this::runSql, () -> sqlFigures));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("stats_vs_sql", "stats_http", "stats_sql"));
    }

    /** One way of answering a request: the latency of the request itself, after checking the answer. */
    @FunctionalInterface
    private interface Source {
        long fetch(StatsTruth.Case request) throws Exception;
    }

    private long runHttp() throws Exception {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            sources.add(this::fetchHttp);
        }
        OptionalLong cpu = ProcessCpu.millis(fixture.service().pid());
        Latencies latencies = drive(sources, ++httpRuns);
        httpFigures = ServiceMemory.plus(figures("stats", "GET /api/v1/hosts/{id}/stats", latencies),
                ProcessCpu.perRequest("stats", "GET /api/v1/hosts/{id}/stats", fixture.service().pid(), cpu,
                        requests));
        return requests;
    }

    private long runSql() throws Exception {
        List<Source> sources = new ArrayList<>();
        for (Connection connection : connections) {
            sources.add(request -> fetchSql(connection, request));
        }
        Latencies latencies = drive(sources, ++sqlRuns);
        sqlFigures = figures("stats_sql", "SQL rollup read", latencies);
        return requests;
    }

    /** {@link #requests} requests over the sources, each worker picking cases at random (seeded by the round). */
    private Latencies drive(List<Source> sources, long seed) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger issued = new AtomicInteger();
        Workers.run(sources.size(), seed, (worker, random, failed) -> {
            Source source = sources.get(worker);
            int ticket;
            while (!failed.get() && (ticket = issued.getAndIncrement()) < nanos.length) {
                nanos[ticket] = source.fetch(cases.get(random.nextInt(cases.size())));
            }
        });
        return Latencies.ofNanos(nanos);
    }

    private static List<MeasuredPath.Figure> figures(String prefix, String what, Latencies latencies) {
        return latencies.figures(prefix, String.format("of %s latencies in a round (%,d requests)", what,
                latencies.count()));
    }

    private long fetchHttp(StatsTruth.Case request) throws Exception {
        ServiceProcess service = fixture.service();
        HttpRequest get = HttpRequest.newBuilder(URI.create(service.base() + request.path()))
                .header("Authorization", "Bearer " + fixture.readerToken())
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.path() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode answer = BenchMain.MAPPER.readTree(response.body());
        List<String> problems = StatsTruth.check(request, answer, expected.get(request));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("wrong stats for " + request.path() + ": " + String.join("; ", problems));
        }
        return nanos;
    }

    private long fetchSql(Connection connection, StatsTruth.Case request) throws Exception {
        DayRange range = DayRange.of(request.from(), request.to(), ZoneOffset.UTC);
        List<DayRange.Slice> partial = range.partialDays();
        Map<LocalDate, ChangeCounts> buckets = new HashMap<>();
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(STATS_SQL)) {
            int i = 1;
            statement.setString(i++, request.host());
            statement.setObject(i++, range.firstFullDay());
            statement.setObject(i++, range.endFullDay());
            for (int edge = 0; edge < 2; edge++) {
                DayRange.Slice slice = edge < partial.size() ? partial.get(edge) : null;
                statement.setObject(i++, slice == null ? range.firstFullDay() : slice.day());
                statement.setString(i++, request.host());
                statement.setTimestamp(i++, Timestamp.from(slice == null ? request.from() : slice.from()));
                statement.setTimestamp(i++, Timestamp.from(slice == null ? request.from() : slice.to()));
            }
            statement.setString(i, request.bucket());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    buckets.merge(rs.getObject(1, LocalDate.class),
                            ChangeCounts.ZERO.plus(rs.getString(2), rs.getLong(3)), ChangeCounts::plus);
                }
            }
        }
        long nanos = System.nanoTime() - start;
        List<String> problems = StatsTruth.check(buckets, expected.get(request));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("wrong SQL stats for " + request.path() + ": "
                    + String.join("; ", problems));
        }
        return nanos;
    }

    @Override
    public void close() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        connections.clear();
    }
}
