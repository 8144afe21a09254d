package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's memory during an NDJSON export (issue 6, item 7): every event of the infrastructure host streamed
 * by {@code GET /api/v1/events} with {@code Accept: application/x-ndjson}, read line by line by the client, while the
 * service's RSS is sampled from {@code /proc} every {@value #SAMPLE_MILLIS} ms. Against the same rows streamed by SQL
 * over JDBC (fetch size {@value #FETCH}), for the throughput ratio.
 */
public final class ExportBenchmark implements Benchmark {

    static final long SAMPLE_MILLIS = 50;
    static final int FETCH = 1_000;

    /** Every line is counted; every {@value}th is parsed and checked against the filter. */
    static final int CHECK_EVERY = 100;

    /** The reference: the same rows and columns in the same order, one statement streamed by the driver. */
    static final String EXPORT_SQL = """
            select e.position, e.event_id, e.aggregate_type, e.aggregate_id, e.sequence_number, e.event_type,
                   e.revision, e.payload::text, e.metadata::text, e.occurred_at, e.recorded_at, i.host_id,
                   i.event_class, i.actor, i.guest, i.summary
              from event_index i join domain_event e on e.position = i.position
             where i.generation = (select generation from processor_token where name = 'event-index')
               and i.host_id = ?
             order by i.tx_id, i.position
            """;

    private final QueryFixture fixture;
    private final EventFilter filter = EventFilter.host(QueryFixture.INFRA);
    private HttpClient http;
    private Connection connection;
    private long expected;
    private boolean paddingReported;
    private final List<Extra> extras = new ArrayList<>();
    private List<MeasuredPath.Figure> figures = List.of();

    /** Exports the infrastructure host of the shared data set. */
    public ExportBenchmark(QueryFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String description() {
        return String.format("one NDJSON export a round: every event of %s (%,d task events) of the query data set,"
                + " service RSS sampled every %d ms", QueryFixture.INFRA, 2L * fixture.lines(QueryFixture.INFRA),
                SAMPLE_MILLIS);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        http = ServiceProcess.newClient();
        connection = database.connect();
        long before = rssKib();
        expected = countByPages();
        extras.add(new Extra("export_rss_before_page_walk", before, "KiB", "service VmRSS before the untimed walk of"
                + " the JSON pages (limit=1000) that counts the export's events"));
        extras.add(new Extra("export_rss_after_page_walk", rssKib(), "KiB", "service VmRSS after that walk, before"
                + " the first export"));
        if (expected < fixture.taskEvents(QueryFixture.INFRA)) {
            throw new IllegalStateException("the JSON pages show " + expected + " events of " + QueryFixture.INFRA
                    + ", fewer than its " + fixture.taskEvents(QueryFixture.INFRA) + " task events");
        }
    }

    private long rssKib() {
        long pid = fixture.service().pid();
        return ProcessMemory.of(pid).orElseThrow(() -> new IllegalStateException("cannot read /proc/" + pid
                + "/status")).rssKib();
    }

    @Override
    public List<Extra> extras() {
        return List.copyOf(extras);
    }

    /** Untimed: walks every JSON page of the filter (1,000 a page), checking each item, and counts them. */
    private long countByPages() throws Exception {
        long count = 0;
        Long after = null;
        long previous = Long.MIN_VALUE;
        while (true) {
            JsonNode page = fixture.service().get("/api/v1/events?" + filter.query(after, 1_000));
            for (JsonNode item : page.path("items")) {
                String violation = filter.violation(item);
                if (violation != null || item.path("position").asLong() <= previous) {
                    throw new IllegalStateException("page after " + after + ": "
                            + (violation != null ? violation : "positions out of order"));
                }
                previous = item.path("position").asLong();
                count++;
            }
            JsonNode next = page.get("next");
            if (next == null || next.isNull()) {
                return count;
            }
            after = next.asLong();
        }
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new FiguredPath("export_ndjson", "events/s", "GET /api/v1/events?host=" + QueryFixture.INFRA
                        + ", Accept: application/x-ndjson, lines read and counted by the client", this::export,
                        () -> ServiceMemory.plus(figures, ServiceMemory.after("export", "an NDJSON export",
                                fixture.service()))),
                new FiguredPath("export_sql", "rows/s", "the same rows and columns by SQL over JDBC, fetch size "
                        + FETCH, this::select, List::of));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("export_vs_sql", "export_ndjson", "export_sql"));
    }

    private long export() throws Exception {
        ServiceProcess service = fixture.service();
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.base() + "/api/v1/events?"
                        + filter.query(null, null)))
                .header("Authorization", "Bearer " + fixture.readerToken())
                .header("Accept", "application/x-ndjson")
                .timeout(Duration.ofMinutes(10))
                .GET().build();
        long lines = 0;
        long previous = Long.MIN_VALUE;
        long padded = 0;
        RssSampler rss = RssSampler.start(service.pid(), SAMPLE_MILLIS);
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8), 1 << 16)) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("NDJSON export answered " + response.statusCode() + ": "
                            + reader.readLine());
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/x-ndjson")) {
                    throw new IllegalStateException("NDJSON export answered Content-Type " + type);
                }
                String line;
                while ((line = reader.readLine()) != null) {
                    String object = line.strip();
                    if (object.isEmpty() || object.charAt(0) != '{' || object.charAt(object.length() - 1) != '}') {
                        throw new IllegalStateException("line " + (lines + 1) + " is no JSON object: " + line);
                    }
                    if (object.length() != line.length()) {
                        padded++;
                    }
                    if (lines % CHECK_EVERY == 0) {
                        previous = checkLine(line, lines + 1, previous);
                    }
                    lines++;
                }
            }
        } finally {
            rss.close();
        }
        if (padded > 0 && !paddingReported) {
            paddingReported = true;
            BenchRunner.log("export: note: %,d of %,d NDJSON lines carry white space around their object", padded,
                    lines);
        }
        figures = List.of(
                new MeasuredPath.Figure("export_rss_start", "KiB", "service VmRSS when the export was asked for",
                        rss.firstKib()),
                new MeasuredPath.Figure("export_rss_peak", "KiB", "highest service VmRSS sampled during the export",
                        rss.peakKib()),
                new MeasuredPath.Figure("export_rss_end", "KiB", "service VmRSS after the last line", rss.lastKib()),
                new MeasuredPath.Figure("export_rss_growth", "KiB", "peak minus start: flat is near 0",
                        rss.peakKib() - rss.firstKib()));
        return TimedPath.expect(lines, expected, "NDJSON lines (the JSON pages' count)");
    }

    private long checkLine(String line, long number, long previous) throws Exception {
        JsonNode item = BenchMain.MAPPER.readTree(line);
        String violation = filter.violation(item);
        if (violation != null) {
            throw new IllegalStateException("NDJSON line " + number + ": " + violation);
        }
        long position = item.path("position").asLong();
        if (position <= previous) {
            throw new IllegalStateException("NDJSON line " + number + ": position " + position + " after " + previous);
        }
        return position;
    }

    private long select() throws Exception {
        long rows = 0;
        long chars = 0;
        try (PreparedStatement statement = connection.prepareStatement(EXPORT_SQL)) {
            statement.setFetchSize(FETCH);
            statement.setString(1, QueryFixture.INFRA);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    for (int column = 1; column <= 16; column++) {
                        String value = rs.getString(column);
                        chars += value == null ? 0 : value.length();
                    }
                    rows++;
                }
            }
        }
        connection.commit();
        if (chars == 0) {
            throw new IllegalStateException("the export query read nothing");
        }
        return TimedPath.expect(rows, expected, "rows exported by SQL");
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
