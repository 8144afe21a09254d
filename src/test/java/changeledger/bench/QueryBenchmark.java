package changeledger.bench;

import changeledger.projection.IndexRanges;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Audit query latency (issue 6, item 5, the events part; issue 20, the last week): filtered pages of
 * {@code GET /api/v1/events} (host, 100 a page, some walks following {@code next}) over loopback at concurrency 8,
 * against the same pages read by SQL from the same tables over JDBC at the same concurrency, in two cases: one event
 * type in a month or from mid-month to mid-month ({@code query_events}), and every event of a host in the data set's
 * last {@value QueryFixture#LAST_DAYS} days ({@code query_last7}). Each path reports requests a second (the ratio) and
 * p50, p99 and the maximum of its latencies per round.
 */
public final class QueryBenchmark implements Benchmark {

    static final int CONCURRENCY = 8;

    /**
     * The SQL reference, one statement for what the service does in three (the cursor's place, the index page, the
     * events by position), in the page's own shape (ADR 0014 and 0036, {@code EventIndexPage}): each UTC month the
     * filter's range covers, and each UTC day of a month it covers in part ({@link #ranges}), read in the gap-safe
     * order {@code (tx_id, position)} from its own index range ({@code occurred_month = ?} or {@code occurred_day = ?})
     * after the cursor's place, with the same filter and a limit each, the ranges merged ({@code union all}, ordered,
     * limit), then joined to the events for the columns the API returns (after the page is cut, as the service reads
     * only the page's events). The limit is the page size + 1, as the service asks for one more row to know whether a
     * next page exists.
     */
    static String pageSql(List<IndexRanges.Range> ranges, boolean typed) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a time filter spans at least one range");
        }
        StringBuilder sql = new StringBuilder("""
                with generation as (select generation from processor_token where name = 'event-index'),
                     cursor as (select coalesce((select c.tx_id from event_index c
                                                  where c.generation = (select generation from generation)
                                                    and c.position = ?), 0) as tx_id),
                     page as (select * from (""");
        for (int r = 0; r < ranges.size(); r++) {
            sql.append(r == 0 ? "(" : " union all (").append("""
                    select i.position, i.tx_id, i.host_id, i.event_class, i.actor, i.guest, i.summary, i.target
                      from event_index i
                     where i.generation = (select generation from generation)
                       and (i.tx_id, i.position) > ((select tx_id from cursor), ?)
                       and i.""").append(ranges.get(r).day() ? "occurred_day" : "occurred_month").append("""
                     = ? and i.host_id = ?""").append(typed ? " and i.event_type = ?" : "").append("""

                       and i.occurred_at >= ? and i.occurred_at < ?
                     order by i.tx_id, i.position limit ?)""");
        }
        sql.append("""
                ) by_range order by tx_id, position limit ?)
                select e.position, e.event_id, e.aggregate_type, e.aggregate_id, e.sequence_number, e.event_type,
                       e.revision, e.payload::text, e.metadata::text, e.occurred_at, e.recorded_at, p.host_id,
                       p.event_class, p.actor, p.guest, p.summary, p.target
                  from page p join domain_event e on e.position = p.position
                 order by p.tx_id, p.position
                """);
        return sql.toString();
    }

    /**
     * The index ranges of a time range {@code [from, to)}, in order, as the service cuts them: whole UTC months, and
     * the UTC days of a month the range covers in part.
     */
    static List<IndexRanges.Range> ranges(Instant from, Instant to) {
        return IndexRanges.of(from.atOffset(ZoneOffset.UTC).toLocalDate(),
                to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate(), false, false);
    }

    private final QueryFixture fixture;
    private final int requests;
    private final List<Connection> connections = new ArrayList<>();
    private final Map<String, Integer> runs = new HashMap<>();
    private final Map<String, List<MeasuredPath.Figure>> figures = new HashMap<>();
    private HttpClient http;

    /** {@code requests} page requests a round on each path, on the shared data set. */
    public QueryBenchmark(QueryFixture fixture, int requests) {
        this.fixture = fixture;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "query";
    }

    @Override
    public String description() {
        return String.format("%,d page requests a round at concurrency %d on each path: GET /api/v1/events?host&type"
                + "&from&to&limit=%d (events: a calendar month, or the 16th of one month to the 16th of the next;"
                + " last7: every type of a host in the data set's last %d days), a quarter of the walks following"
                + " next; %,d task events of 2 hosts over 12 months, loaded through the service", requests,
                CONCURRENCY, QueryDriver.LIMIT, QueryFixture.LAST_DAYS, fixture.events());
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        http = ServiceProcess.newClient();
        connections.addAll(database.autoCommitConnections(CONCURRENCY));
    }

    @Override
    public List<MeasuredPath> paths() {
        String sql = "by SQL over JDBC: one statement, the page's ranges merged as the service does (union all of one"
                + " index range per month or day), joined to domain_event, same columns, limit + 1; 8 connections";
        return List.of(
                httpPath("query_events", "GET /api/v1/events pages (a month, or mid-month to mid-month)",
                        fixture::filterCounts),
                sqlPath("query_events", "the same pages " + sql, fixture::filterCounts),
                httpPath("query_last7", "GET /api/v1/events pages of a host's last " + QueryFixture.LAST_DAYS
                        + " days, every type", fixture::lastDaysCounts),
                sqlPath("query_last7", "the same pages " + sql, fixture::lastDaysCounts));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("query_events_vs_sql", "query_events_http", "query_events_sql"),
                new Ratio("query_last7_vs_sql", "query_last7_http", "query_last7_sql"));
    }

    @Override
    public List<Extra> extras() {
        return fixture.extras();
    }

    private MeasuredPath httpPath(String prefix, String label, Supplier<Map<EventFilter, Long>> counts) {
        return new FiguredPath(prefix + "_http", "requests/s", label + " over HTTP/1.1 from the packaged service, a"
                + " reader key, 8 client threads", () -> runHttp(prefix, counts.get()),
                () -> ServiceMemory.plus(figures.get(prefix + "_http"), ServiceMemory.after(prefix,
                        "a round of " + prefix + " pages", fixture.service())));
    }

    private MeasuredPath sqlPath(String prefix, String label, Supplier<Map<EventFilter, Long>> counts) {
        return new FiguredPath(prefix + "_sql", "queries/s", label, () -> runSql(prefix, counts.get()),
                () -> figures.get(prefix + "_sql"));
    }

    private long runHttp(String prefix, Map<EventFilter, Long> counts) throws Exception {
        List<QueryDriver.PageSource> sources = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY; i++) {
            sources.add(this::fetchHttp);
        }
        OptionalLong cpu = ProcessCpu.millis(fixture.service().pid());
        QueryDriver.Run run = QueryDriver.run(sources, List.copyOf(counts.keySet()), counts, requests,
                runs.merge(prefix + "_http", 1, Integer::sum));
        figures.put(prefix + "_http", ServiceMemory.plus(figures(prefix, "GET /api/v1/events", run),
                ProcessCpu.perRequest(prefix, "GET /api/v1/events", fixture.service().pid(), cpu, run.requests())));
        return run.requests();
    }

    private long runSql(String prefix, Map<EventFilter, Long> counts) throws Exception {
        List<QueryDriver.PageSource> sources = new ArrayList<>();
        for (Connection connection : connections) {
            sources.add((filter, after, limit) -> fetchSql(connection, filter, after, limit));
        }
        QueryDriver.Run run = QueryDriver.run(sources, List.copyOf(counts.keySet()), counts, requests,
                runs.merge(prefix + "_sql", 1, Integer::sum));
        figures.put(prefix + "_sql", figures(prefix + "_sql", "SQL page", run));
        return run.requests();
    }

    private static List<MeasuredPath.Figure> figures(String prefix, String what, QueryDriver.Run run) {
        Latencies latencies = run.latencies();
        String of = String.format("of %s latencies in a round (%,d requests, %,d of them later pages)", what,
                run.requests(), run.laterPages());
        return latencies.figures(prefix, of);
    }

    private QueryDriver.Page fetchHttp(EventFilter filter, Long after, int limit) throws Exception {
        ServiceProcess service = fixture.service();
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.base() + "/api/v1/events?"
                        + filter.query(after, limit)))
                .header("Authorization", "Bearer " + fixture.readerToken())
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return new QueryDriver.Page(BenchMain.MAPPER.readTree(response.body()), nanos);
    }

    private static QueryDriver.Page fetchSql(Connection connection, EventFilter filter, Long after, int limit)
            throws Exception {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        long start = System.nanoTime();
        int rows = 0;
        List<IndexRanges.Range> ranges = ranges(filter.from(), filter.to());
        try (PreparedStatement statement = connection.prepareStatement(pageSql(ranges,
                filter.type() != null))) {
            long cursor = after == null ? 0 : after;
            int i = 1;
            statement.setLong(i++, cursor);
            for (IndexRanges.Range range : ranges) {
                statement.setLong(i++, cursor);
                statement.setObject(i++, range.key());
                statement.setString(i++, filter.host());
                if (filter.type() != null) {
                    statement.setString(i++, filter.type());
                }
                statement.setTimestamp(i++, Timestamp.from(filter.from()));
                statement.setTimestamp(i++, Timestamp.from(filter.to()));
                statement.setInt(i++, limit + 1);
            }
            statement.setInt(i, limit + 1);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (++rows > limit) {
                        break;
                    }
                    ObjectNode item = items.addObject();
                    item.put("position", rs.getLong(1));
                    for (int column = 2; column <= 9; column++) {
                        rs.getString(column);
                    }
                    item.put("type", rs.getString(6));
                    item.put("occurredAt", rs.getTimestamp(10).toInstant().toString());
                    rs.getString(11);
                    item.put("hostId", rs.getString(12));
                    for (int column = 13; column <= 17; column++) {
                        rs.getString(column);
                    }
                }
            }
        }
        long nanos = System.nanoTime() - start;
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.set("items", items);
        if (rows > limit) {
            page.put("next", items.get(items.size() - 1).path("position").asLong());
        }
        return new QueryDriver.Page(page, nanos);
    }

    @Override
    public void close() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        connections.clear();
    }
}
