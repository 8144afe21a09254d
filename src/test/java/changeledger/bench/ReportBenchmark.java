package changeledger.bench;

import changeledger.projection.ChangeCounts;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly report (issue 6, item 6): {@code GET /api/v1/reports/stability/{month}?host=} of the report host's
 * month of the query data set ({@value QueryFixture#REPORT_LINES} tasks, 30,000 events), as JSON and as HTML, a few
 * requests one after the other a round, each answer checked. No SQL reference: the report is the service's own
 * combination of several reads (statistics, index, disruption windows, change requests) and of rules in Java
 * (budget counts, verdicts, trend), which no single statement does.
 */
public final class ReportBenchmark implements Benchmark {

    private static final String FAILED_SQL = """
            select count(*) from event_index
             where generation = (select generation from processor_token where name = 'event-index')
               and host_id = ? and event_type = 'ProxmoxTaskFinished' and failed
               and occurred_at >= ? and occurred_at < ?
            """;

    private final QueryFixture fixture;
    private final int requests;
    private HttpClient http;
    private ChangeCounts byClass;
    private long failedTasks;
    private List<MeasuredPath.Figure> jsonFigures = List.of();
    private List<MeasuredPath.Figure> htmlFigures = List.of();

    /** {@code requests} reports a round on each path, one after the other. */
    public ReportBenchmark(QueryFixture fixture, int requests) {
        this.fixture = fixture;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String description() {
        return String.format("%d reports a round in turn, JSON and HTML: GET /api/v1/reports/stability/%s?host=%s"
                + " (%,d task events in the month)", requests, QueryFixture.REPORT_MONTH, QueryFixture.REPORT,
                2L * fixture.reportLines());
    }

    @Override
    public boolean available() {
        return fixture.reportLines() > 0;
    }

    @Override
    public String skipReason() {
        return "the data set has no report month";
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        Instant from = QueryFixture.REPORT_MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = QueryFixture.REPORT_MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        byClass = ChangeCounts.ZERO;
        for (ChangeCounts hour : fixture.startsByHour(QueryFixture.REPORT).subMap(from, true, to, false).values()) {
            byClass = byClass.plus(hour);
        }
        TimedPath.expect(StatsTruth.total(byClass), fixture.reportLines(), "task starts of the report month");
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(FAILED_SQL)) {
            statement.setString(1, QueryFixture.REPORT);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                failedTasks = rs.getLong(1);
            }
            connection.commit();
        }
        http = ServiceProcess.newClient();
        BenchRunner.log("report: %s in %s: %s, %,d failed tasks", QueryFixture.REPORT, QueryFixture.REPORT_MONTH,
                byClass, failedTasks);
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new FiguredPath("report_json", "reports/s", "the month's report of one host as JSON over HTTP/1.1,"
                        + " a reader key, one request at a time", () -> run("json"),
                        () -> ServiceMemory.plus(jsonFigures, ServiceMemory.after("report_json", "a round of JSON"
                                + " reports", fixture.service()))),
                new FiguredPath("report_html", "reports/s", "the same report as HTML", () -> run("html"),
                        () -> ServiceMemory.plus(htmlFigures, ServiceMemory.after("report_html", "a round of HTML"
                                + " reports", fixture.service()))));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of();
    }

    private long run(String format) throws Exception {
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            nanos[i] = fetch(format);
        }
        List<MeasuredPath.Figure> figures = Latencies.ofNanos(nanos).medianAndMax("report_" + format, String.format(
                "of a round's %d %s reports, one after the other", requests, format.toUpperCase()));
        if (format.equals("json")) {
            jsonFigures = figures;
        } else {
            htmlFigures = figures;
        }
        return requests;
    }

    private long fetch(String format) throws Exception {
        ServiceProcess service = fixture.service();
        String path = "/api/v1/reports/stability/" + QueryFixture.REPORT_MONTH + "?host=" + QueryFixture.REPORT;
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.base() + path))
                .header("Authorization", "Bearer " + fixture.readerToken())
                .header("Accept", format.equals("json") ? "application/json" : "text/html")
                .timeout(Duration.ofSeconds(60))
                .GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " (" + format + ") answered " + response.statusCode()
                    + ": " + body);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        List<String> problems = format.equals("json") ? checkJson(BenchMain.MAPPER.readTree(body), type)
                : checkHtml(body, type);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("wrong " + format + " report: " + String.join("; ", problems));
        }
        return nanos;
    }

    private List<String> checkJson(JsonNode report, String type) {
        List<String> problems = new ArrayList<>();
        if (!type.startsWith("application/json")) {
            problems.add("Content-Type " + type);
        }
        if (!QueryFixture.REPORT_MONTH.toString().equals(report.path("month").asText())) {
            problems.add("month " + report.path("month"));
        }
        JsonNode hosts = report.path("hosts");
        if (hosts.size() != 1 || !QueryFixture.REPORT.equals(hosts.path(0).path("hostId").asText())) {
            problems.add(hosts.size() + " hosts, first " + hosts.path(0).path("hostId"));
            return problems;
        }
        JsonNode host = hosts.get(0);
        ChangeCounts counts = StatsTruth.counts(host.path("changes").path("byClass"));
        if (!counts.equals(byClass)) {
            problems.add("changes.byClass " + counts + ", expected " + byClass);
        }
        if (host.path("failedTasks").size() != failedTasks) {
            problems.add(host.path("failedTasks").size() + " failed tasks, expected " + failedTasks);
        }
        long observed = byClass.change() + byClass.disruptive();
        if (host.path("changes").path("items").size() != observed) {
            problems.add(host.path("changes").path("items").size() + " change items, expected " + observed
                    + " (the tasks of class change and disruptive)");
        }
        if (host.path("verdict").asText().isEmpty()) {
            problems.add("no verdict");
        }
        return problems;
    }

    private static List<String> checkHtml(String html, String type) {
        List<String> problems = new ArrayList<>();
        if (!type.startsWith("text/html")) {
            problems.add("Content-Type " + type);
        }
        if (!html.contains("<section id=\"host-" + QueryFixture.REPORT + "\"")) {
            problems.add("no section of " + QueryFixture.REPORT);
        }
        if (!html.contains(QueryFixture.REPORT_MONTH.toString())) {
            problems.add("the month " + QueryFixture.REPORT_MONTH + " is not named");
        }
        if (!html.trim().endsWith("</html>")) {
            problems.add("the page does not end with </html>");
        }
        return problems;
    }
}
