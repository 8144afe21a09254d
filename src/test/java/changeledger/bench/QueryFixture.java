package changeledger.bench;

import changeledger.projection.ChangeCounts;
import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The service and data set of the ingestion, query, stats, report and export benchmarks, loaded once and shared:
 * the packaged service on a fresh schema, an infrastructure host and a lab host registered through the API, and a year
 * of their Proxmox tasks (November 2025 to October 2026) uploaded as task-index lines with each host's ingester key,
 * as a collector would send them. One finished task line makes two events; the lab host has three times the
 * infrastructure host's tasks. The ingestion benchmark's uploads are this year's lines, in time order
 * ({@link #nextUploads}); {@link #load} uploads whatever they left (everything when ingestion did not run) and the
 * report host's month. Loading ends when every processor, {@code event-index} among them, has caught up (the endpoint
 * shows an event only then) and the tables are vacuumed and analysed, as autovacuum would have done after such a load.
 */
final class QueryFixture implements AutoCloseable {

    static final String INFRA = "bench-infra";
    static final String LAB = "bench-lab";
    /** The report benchmark's host: one month of its own (issue 6, item 6). */
    static final String REPORT = "bench-report";
    /** The month that host's tasks fill. */
    static final YearMonth REPORT_MONTH = YearMonth.of(2026, 5);
    /** Task lines of the report host: 30,000 events in its month. */
    static final int REPORT_LINES = 15_000;
    static final YearMonth FIRST_MONTH = YearMonth.of(2025, 11);
    static final int MONTHS = 12;
    static final List<String> TASK_EVENT_TYPES = List.of("ProxmoxTaskStarted", "ProxmoxTaskFinished");
    static final String EVENT_INDEX = "event-index";
    /** The days before the data set's end that the query benchmark's "last days" pages cover. */
    static final int LAST_DAYS = 7;

    /** Lines per upload (about 4 MB), as in the ingestion benchmark. */
    private static final int UPLOAD_LINES = 50_000;

    /**
     * How long the processors may take to catch up after the load: the slowest, {@code disruption-windows}, took 99 s
     * at 1,000,000 events (ADR 0019; before, its catch-up grew with the square of the events). A run that needs more
     * shows a processor that regressed, and fails instead of measuring while it still works on two cores.
     */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(15);

    private final int events;
    private final int reportLines;
    private final Map<EventFilter, Long> filterCounts = new LinkedHashMap<>();
    private final Map<EventFilter, Long> lastDaysCounts = new LinkedHashMap<>();
    private final Map<String, Long> taskEventsByHost = new HashMap<>();
    private final Map<String, NavigableMap<Instant, ChangeCounts>> startsByHour = new HashMap<>();
    private final List<Benchmark.Extra> extras = new ArrayList<>();
    private final Map<String, Double> caughtUpAfter = new TreeMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, TaskLineGenerator> generators = new LinkedHashMap<>();
    private final Map<String, Integer> uploaded = new HashMap<>();
    private BenchDatabase database;
    private ServiceProcess service;
    private boolean loaded;
    private String readerToken;

    /** One host's next task-index upload: its lines as one body. */
    record Upload(String host, String token, String body, int lines) {
    }

    /**
     * A data set of {@code events} task events of the infrastructure and the lab host (an even number), plus
     * {@code reportLines} task lines of the report host in {@link #REPORT_MONTH}.
     */
    QueryFixture(int events, int reportLines) {
        this.events = events;
        this.reportLines = reportLines;
        for (String host : List.of(INFRA, LAB)) {
            generators.put(host, new TaskLineGenerator("pve-" + host, host.equals(INFRA) ? 901L : 902L,
                    firstInstant(), TaskLineGenerator.gapSpreadFor(lines(host), Duration.ofDays(365))));
            uploaded.put(host, 0);
        }
    }

    /** Task events of the infrastructure and the lab host. */
    int events() {
        return events;
    }

    /** Task lines of the report host, all in {@link #REPORT_MONTH}. */
    int reportLines() {
        return reportLines;
    }

    /** Task lines of a host. */
    int lines(String host) {
        int all = events / 2;
        return host.equals(INFRA) ? all / 4 : all - all / 4;
    }

    /**
     * Starts the service on a fresh schema and registers the infrastructure and the lab host with an ingester key each,
     * unless it runs already.
     */
    void start(BenchDatabase db) throws Exception {
        if (service != null) {
            return;
        }
        this.database = db;
        db.freshSchema();
        service = ServiceProcess.start(db.jdbcUrl(), db.user(), db.password(), BenchMain.MAPPER);
        readerToken = service.createKey("bench dashboard", "reader");
        for (String host : generators.keySet()) {
            service.registerHost(host, "pve-" + host, host.equals(INFRA) ? "infrastructure" : "lab");
            tokens.put(host, service.createIngesterKey(host));
        }
    }

    /**
     * The next {@code 1/parts} of each host's lines (rounded down), one upload per host in time order: the
     * ingestion benchmark's uploads, {@code parts} of them in a run, each of the same size.
     */
    List<Upload> nextUploads(int parts) {
        List<Upload> uploads = new ArrayList<>();
        for (String host : generators.keySet()) {
            uploads.add(next(host, lines(host) / parts));
        }
        return uploads;
    }

    private Upload next(String host, int lines) {
        if (uploaded.get(host) + lines > lines(host)) {
            throw new IllegalStateException(host + " has " + (lines(host) - uploaded.get(host)) + " of its "
                    + lines(host) + " lines left, " + lines + " asked for");
        }
        uploaded.merge(host, lines, Integer::sum);
        return new Upload(host, tokens.get(host), String.join("\n", generators.get(host).indexLines(lines)) + "\n",
                lines);
    }

    /**
     * What the ingestion benchmark left of each host's lines (all of them when it did not run), in uploads of at most
     * {@link #UPLOAD_LINES} lines, the hosts taking turns, in time order.
     */
    List<Upload> rest() {
        List<Upload> uploads = new ArrayList<>();
        int left = Math.max(lines(INFRA) - uploaded.get(INFRA), lines(LAB) - uploaded.get(LAB));
        int count = (left + UPLOAD_LINES - 1) / UPLOAD_LINES;
        for (int u = 0; u < count; u++) {
            for (String host : generators.keySet()) {
                int rest = lines(host) - uploaded.get(host);
                int chunk = u == count - 1 ? rest : rest / (count - u);
                if (chunk > 0) {
                    uploads.add(next(host, chunk));
                }
            }
        }
        return uploads;
    }

    /** Sends an upload and checks that every line was accepted as new; answers the events it stored. */
    long send(Upload upload) throws Exception {
        JsonNode answer = service.ingestTaskIndex(upload.host(), upload.token(), upload.body());
        if (answer.path("accepted").asInt() != upload.lines() || answer.path("duplicates").asInt() != 0
                || answer.path("ignored").asInt() != 0 || !answer.path("rejected").isEmpty()) {
            throw new IllegalStateException("upload for " + upload.host() + " answered " + answer);
        }
        return 2L * upload.lines();
    }

    /**
     * Uploads what the ingestion benchmark left of the two hosts' lines (all of them when it did not run) and the
     * report host's month, waits for the processors and counts the truths of the checks; once.
     */
    void load(BenchDatabase db) throws Exception {
        if (loaded) {
            return;
        }
        start(db);
        long start = System.nanoTime();
        long committed = 0;
        for (Upload upload : rest()) {
            committed += send(upload);
        }
        TimedPath.expect(2L * (uploaded.get(INFRA) + uploaded.get(LAB)), events, "task events uploaded");
        committed += loadReportHost();
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        BenchRunner.log("query data: %,d events uploaded in %.1f s (%,.0f events/s) after %,d by the ingestion"
                + " benchmark, waiting for the processors", committed, uploadSeconds, committed / uploadSeconds,
                events + 2L * reportLines - committed);
        long wait = System.nanoTime();
        caughtUpAfter.clear();
        awaitProcessors();
        double catchUp = (System.nanoTime() - wait) / 1e9;
        BenchRunner.log("query data: processors caught up %.1f s after the last upload (%s)", catchUp, caughtUpAfter);
        extras.add(new Benchmark.Extra("query_upload_s", Math.round(uploadSeconds), "s",
                "the query data set's uploads over HTTP after the ingestion benchmark's, until the last answer"));
        caughtUpAfter.forEach((name, seconds) -> extras.add(new Benchmark.Extra("query_catchup_" + name.replace('-', '_'),
                Math.round(seconds), "s", "after the last upload until processor " + name + " had no lag (polled every"
                + " 250 ms)")));
        sampleMemory("query_service_rss_after_load", "service VmRSS after loading the query data set");
        long vacuum = System.nanoTime();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum (analyze)");
            }
        }
        db.settle();
        BenchRunner.log("query data: vacuum (analyze) in %.1f s", (System.nanoTime() - vacuum) / 1e9);
        countFromEventTable();
        countLastDays();
        countStartsByHour();
        loaded = true;
    }

    /**
     * The ground truth of the stats and report checks: task starts (a task counts once, at its start) per host, UTC
     * hour and class, counted on the event index (whose class comes from the same classifier), not on the change
     * statistics' own tables. Only whole hours are ever asked for, so sums of hours are exact.
     */
    private void countStartsByHour() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select host_id, date_trunc('hour', occurred_at at time zone 'UTC'), event_class, count(*)
                       from event_index
                      where generation = (select generation from processor_token where name = 'event-index')
                        and event_type = 'ProxmoxTaskStarted'
                      group by 1, 2, 3""")) {
            while (rs.next()) {
                Instant hour = rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                startsByHour.computeIfAbsent(rs.getString(1), h -> new TreeMap<>())
                        .merge(hour, ChangeCounts.ZERO.plus(rs.getString(3), rs.getLong(4)), ChangeCounts::plus);
            }
            connection.commit();
        }
        for (String host : List.of(INFRA, LAB)) {
            long starts = startsByHour.getOrDefault(host, new TreeMap<>()).values().stream()
                    .mapToLong(StatsTruth::total).sum();
            TimedPath.expect(starts, lines(host), "task starts of " + host + " in the event index");
        }
    }

    /** Task starts of a host by UTC hour and class (the truth of the stats and report checks). */
    NavigableMap<Instant, ChangeCounts> startsByHour(String host) {
        return startsByHour.getOrDefault(host, new TreeMap<>());
    }

    /**
     * The report host ({@code infrastructure}, as the policy matters most there): {@link #reportLines} tasks spread
     * over 30 days of {@link #REPORT_MONTH} from its first day's 06:00 UTC, in one upload (the generator's random gaps
     * end them hours before the month does; {@link #countFromEventTable} checks that every one landed in the month).
     */
    private long loadReportHost() throws Exception {
        if (reportLines == 0) {
            return 0;
        }
        service.registerHost(REPORT, "pve-" + REPORT, "infrastructure");
        String token = service.createIngesterKey(REPORT);
        String body = String.join("\n", reportGenerator(reportLines).indexLines(reportLines)) + "\n";
        return send(new Upload(REPORT, token, body, reportLines));
    }

    /** The report host's task lines: {@code lines} tasks over 30 days from 06:00 UTC on the month's first day. */
    static TaskLineGenerator reportGenerator(int lines) {
        return new TaskLineGenerator("pve-" + REPORT, 903L, REPORT_MONTH.atDay(1).atTime(6, 0).toInstant(ZoneOffset.UTC),
                TaskLineGenerator.gapSpreadFor(lines, Duration.ofDays(30)));
    }

    /** Polls the admin endpoint until {@code event-index} exists and no processor has a lag. */
    void awaitProcessors() throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + CATCH_UP_TIMEOUT.toNanos();
        long lastLog = System.nanoTime();
        JsonNode items = null;
        while (System.nanoTime() < deadline) {
            items = service.get("/api/v1/admin/processors").path("items");
            for (JsonNode processor : items) {
                if (processor.path("lagEvents").asLong(-1) == 0) {
                    caughtUpAfter.putIfAbsent(processor.path("name").asText(), (System.nanoTime() - begin) / 1e9);
                }
            }
            if (caughtUp(items)) {
                return;
            }
            if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                BenchRunner.log("query data: processors %s", items);
                lastLog = System.nanoTime();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the processors did not catch up within " + CATCH_UP_TIMEOUT + ": " + items);
    }

    /** Whether {@code event-index} is listed and every listed processor has no lag. */
    static boolean caughtUp(JsonNode processors) {
        boolean index = false;
        for (JsonNode processor : processors) {
            if (processor.path("lagEvents").asLong(-1) != 0) {
                return false;
            }
            index |= EVENT_INDEX.equals(processor.path("name").asText());
        }
        return index;
    }

    /**
     * The ground truth the checks use: task events per host, event type and half month (before and from the 16th,
     * UTC), counted on the event table.
     */
    private void countFromEventTable() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        Map<String, Long> halves = new HashMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select payload->>'hostId', event_type, to_char(occurred_at at time zone 'UTC', 'YYYY-MM'),
                            extract(day from occurred_at at time zone 'UTC') >= %d, count(*)
                       from domain_event where aggregate_type = 'ProxmoxTask' group by 1, 2, 3, 4""".formatted(
                     EventFilter.MID_MONTH))) {
            while (rs.next()) {
                String key = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                counts.merge(key, rs.getLong(5), Long::sum);
                halves.put(key + "|" + rs.getBoolean(4), rs.getLong(5));
                taskEventsByHost.merge(rs.getString(1), rs.getLong(5), Long::sum);
            }
            connection.commit();
        }
        for (String host : List.of(INFRA, LAB)) {
            TimedPath.expect(taskEventsByHost.getOrDefault(host, 0L), 2L * lines(host), "task events of " + host);
            for (int m = 0; m < MONTHS; m++) {
                YearMonth month = FIRST_MONTH.plusMonths(m);
                for (String type : TASK_EVENT_TYPES) {
                    long count = counts.getOrDefault(host + "|" + type + "|" + month, 0L);
                    if (count < QueryDriver.LIMIT) {
                        throw new IllegalStateException(host + " has only " + count + " " + type + " events in "
                                + month + ": the data set does not span the year");
                    }
                    filterCounts.put(EventFilter.month(host, type, month), count);
                }
            }
            for (int m = 0; m + 1 < MONTHS; m++) {
                YearMonth month = FIRST_MONTH.plusMonths(m);
                for (String type : TASK_EVENT_TYPES) {
                    long count = halves.getOrDefault(host + "|" + type + "|" + month + "|true", 0L)
                            + halves.getOrDefault(host + "|" + type + "|" + month.plusMonths(1) + "|false", 0L);
                    if (count < QueryDriver.LIMIT) {
                        throw new IllegalStateException(host + " has only " + count + " " + type + " events from the "
                                + EventFilter.MID_MONTH + "th of " + month + " to that of the next month");
                    }
                    filterCounts.put(EventFilter.acrossMonths(host, type, month), count);
                }
            }
        }
        if (reportLines > 0) {
            long inMonth = 0;
            for (String type : TASK_EVENT_TYPES) {
                inMonth += counts.getOrDefault(REPORT + "|" + type + "|" + REPORT_MONTH, 0L);
            }
            TimedPath.expect(inMonth, 2L * reportLines, "task events of " + REPORT + " in " + REPORT_MONTH);
            TimedPath.expect(taskEventsByHost.getOrDefault(REPORT, 0L), 2L * reportLines, "task events of " + REPORT);
        }
    }

    /**
     * The truth of the "last days" pages: every event of the infrastructure and the lab host in the
     * {@value #LAST_DAYS} days before the data set's end, counted on the event table.
     */
    private void countLastDays() throws Exception {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement("""
                select count(*) from domain_event
                 where payload->>'hostId' = ? and occurred_at >= ? and occurred_at < ?""")) {
            for (String host : List.of(INFRA, LAB)) {
                EventFilter filter = EventFilter.lastDays(host, end(), LAST_DAYS);
                statement.setString(1, host);
                statement.setTimestamp(2, Timestamp.from(filter.from()));
                statement.setTimestamp(3, Timestamp.from(filter.to()));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) < QueryDriver.LIMIT) {
                        throw new IllegalStateException(host + " has only " + rs.getLong(1) + " events in " + filter);
                    }
                    lastDaysCounts.put(filter, rs.getLong(1));
                }
            }
            connection.commit();
        }
    }

    /**
     * Every event of each of the two hosts in the {@value #LAST_DAYS} days before the data set's end, and how many
     * there are (from the event table).
     */
    Map<EventFilter, Long> lastDaysCounts() {
        return lastDaysCounts;
    }

    /**
     * The page benchmark's filters and how many events match each, from the event table: per host and event type
     * every calendar month, and every range from the {@value EventFilter#MID_MONTH}th of a month to that of the
     * next (two months of the event index).
     */
    Map<EventFilter, Long> filterCounts() {
        return filterCounts;
    }

    /** Task events stored for a host. */
    long taskEvents(String host) {
        return taskEventsByHost.getOrDefault(host, 0L);
    }

    /**
     * The token of a {@code reader} key of all hosts that the read benchmarks send, as a dashboard or an auditor would:
     * each request looks its key up, as every request with a created key does (the bootstrap token does not).
     */
    String readerToken() {
        return readerToken;
    }

    /** The running service. */
    ServiceProcess service() {
        return service;
    }

    /** Memory figures taken while loading. */
    List<Benchmark.Extra> extras() {
        return List.copyOf(extras);
    }

    private void sampleMemory(String name, String label) throws Exception {
        ProcessMemory memory = ProcessMemory.of(service.pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/" + service.pid() + "/status"));
        extras.add(new Benchmark.Extra(name, memory.rssKib(), "KiB", label));
    }

    /** When the data set's year ends: the start of the month after its last. */
    static Instant end() {
        return FIRST_MONTH.plusMonths(MONTHS).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** When the first month starts. */
    static Instant firstInstant() {
        return FIRST_MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Stops the service. */
    @Override
    public void close() throws Exception {
        if (service != null) {
            service.close();
        }
    }
}
