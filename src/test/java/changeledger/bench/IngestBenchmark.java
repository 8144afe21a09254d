package changeledger.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Task-index uploads over HTTP to the packaged service (all processors running, as in production) against COPY of
 * the same number of event rows into the twin, in the same run.
 *
 * <p>The uploads are the year of the infrastructure and the lab host that the read benchmarks query
 * ({@link QueryFixture}), in time order: a priming upload and one upload per round, each a fifth of the year (with
 * one warm-up and three rounds), one upload per host (each one transaction; the answer comes after commit). Before
 * every timed path the processors have caught up with what the last upload stored, so an upload is measured on an
 * idle service, not against the previous round's backlog. The COPY rows are the events the service wrote for the
 * priming upload, given fresh event ids and stream ids each round, with their payloads and metadata as stored.
 */
public final class IngestBenchmark implements Benchmark {

    private static final String TEMPLATE = """
            select aggregate_type, aggregate_id, sequence_number, event_type, revision, payload::text,
                   metadata::text, occurred_at::text
              from domain_event where position > ? order by position
            """;

    private static final String COPY = "copy " + BenchDatabase.TWIN + " (event_id, aggregate_type, aggregate_id,"
            + " sequence_number, event_type, revision, payload, metadata, occurred_at) from stdin";

    private final QueryFixture data;
    private final int uploads;
    private final boolean serviceReused;
    private final List<Extra> extras = new ArrayList<>();
    private final List<List<String[]>> templateByHost = new ArrayList<>();
    private final List<QueryFixture.Upload> bodies = new ArrayList<>();
    private final List<String> copyTexts = new ArrayList<>();
    private final List<MeasuredPath.Figure> uploadFigures = new ArrayList<>();
    private BenchDatabase database;
    private Connection connection;
    /** The COPY reference's own connection, opened before the timed rounds as the service's pool is. */
    private Connection copyConnection;
    private long positionBefore;
    private long expectedEvents;
    private long eventsPerUpload;
    /** Mean payload and metadata text bytes of the COPY reference's rows, fixed once the priming upload is read. */
    private double templateRowBytes;
    private int copyRound;
    private OptionalLong cpuBefore = OptionalLong.empty();
    private long uploadedEvents;

    /**
     * Uploads {@code 1/uploads} of the data set's two hosts a time: {@code uploads} is the priming upload plus one per
     * warm-up and timed round, so that the benchmark uploads the read benchmarks' whole data set. When
     * {@code serviceReused} (read benchmarks follow on the same service) it does not force a full GC at the end, which
     * would shrink the heap they are measured with.
     */
    public IngestBenchmark(QueryFixture data, int uploads, boolean serviceReused) {
        this.data = data;
        this.uploads = uploads;
        this.serviceReused = serviceReused;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        int infra = data.lines(QueryFixture.INFRA) / uploads;
        int lab = data.lines(QueryFixture.LAB) / uploads;
        return String.format("%,d task-index lines a round (%,d of %s, %,d of %s, one upload each, HTTP/1.1),"
                + " 2 events a line, 1/%d of the read benchmarks' year; packaged service, processors caught up before"
                + " each path", infra + lab, infra, QueryFixture.INFRA, lab, QueryFixture.LAB, uploads);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        this.database = database;
        data.start(database);
        database.resetTwin();
        connection = database.connect();
        connection.setAutoCommit(true);
        copyConnection = database.connect();
        sampleMemory("after_start", "after start and host/key registration");
        // priming upload: warms the service and yields the rows the COPY reference writes
        for (QueryFixture.Upload upload : data.nextUploads(uploads)) {
            long before = maxPosition();
            long stored = data.send(upload);
            expectedEvents += stored;
            eventsPerUpload += stored;
            templateByHost.add(template(before));
        }
        long templateRows = templateByHost.stream().mapToLong(List::size).sum();
        if (templateRows != eventsPerUpload) {
            throw new IllegalStateException("priming upload stored " + templateRows + " events, expected "
                    + eventsPerUpload);
        }
        templateRowBytes = templateRowBytes();
        // the twin starts as big as domain_event: the primed rows once, under their own ids
        buildCopyTexts();
        copyAll();
        data.awaitProcessors();
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new FiguredPath("ingest_http", "events/s", "POST /api/v1/hosts/{id}/ingest/task-index, one upload per"
                        + " host, events committed (answer after commit)", this::prepareUpload, this::upload,
                        this::uploadFigures),
                new TimedPath("ingest_copy", "rows/s", "COPY of the same number of event rows into the twin, one"
                        + " transaction per host", this::prepareCopy, this::copyAll));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("ingest_vs_copy", "ingest_http", "ingest_copy"));
    }

    @Override
    public List<Extra> extras() {
        return List.copyOf(extras);
    }

    private void prepareUpload() throws Exception {
        bodies.clear();
        bodies.addAll(data.nextUploads(uploads));
        settle();
        positionBefore = maxPosition();
    }

    private long upload() throws Exception {
        long reported = 0;
        uploadFigures.clear();
        cpuBefore = ProcessCpu.millis(data.service().pid());
        for (QueryFixture.Upload upload : bodies) {
            long start = System.nanoTime();
            long events = data.send(upload);
            double seconds = (System.nanoTime() - start) / 1e9;
            reported += events;
            uploadFigures.add(new MeasuredPath.Figure("ingest_http_" + upload.host().replace("bench-", ""), "events/s",
                    upload.host() + "'s upload alone (" + String.format("%,d", events) + " events), "
                            + (uploadFigures.isEmpty() ? "the first of the round, on an idle service"
                            : "while the processors work on the uploads before it"), events / seconds));
        }
        expectedEvents += reported;
        uploadedEvents = reported;
        long stored = maxPosition() - positionBefore;
        return TimedPath.expect(stored, reported, "events stored by the uploads (position advance)");
    }

    /**
     * The uploads' own figures, and after the timing the service's CPU time from the first upload until every
     * processor has handled what the uploads stored ({@code ingest_cpu}, per 1,000 events): the A/B measure of the
     * service's whole work for an event, which moves far less between runs than the rate.
     */
    private List<MeasuredPath.Figure> uploadFigures() {
        try {
            data.awaitProcessors();
        } catch (Exception e) {
            throw new IllegalStateException("processors did not catch up after the uploads", e);
        }
        List<MeasuredPath.Figure> figures = new ArrayList<>(uploadFigures);
        figures.addAll(ProcessCpu.perUnit("ingest", "1,000 events uploaded and handled by every processor",
                data.service().pid(), cpuBefore, uploadedEvents / 1000.0));
        figures.add(new MeasuredPath.Figure("ingest_copy_row_size", "%", "payload and metadata bytes of a row the COPY"
                + " reference writes (the priming upload's) against a row this round's uploads stored", 100.0
                * templateRowBytes / storedRowBytes(positionBefore)));
        return figures;
    }

    /** Mean payload and metadata text bytes of the COPY reference's rows. */
    private double templateRowBytes() {
        long bytes = 0;
        long rows = 0;
        for (List<String[]> host : templateByHost) {
            for (String[] row : host) {
                bytes += row[5].getBytes(StandardCharsets.UTF_8).length
                        + row[6].getBytes(StandardCharsets.UTF_8).length;
                rows++;
            }
        }
        return (double) bytes / rows;
    }

    /** Mean payload and metadata text bytes of the events stored after {@code position}. */
    private double storedRowBytes(long position) {
        try (PreparedStatement read = connection.prepareStatement("select avg(octet_length(payload::text)"
                + " + octet_length(metadata::text)) from domain_event where position > ?")) {
            read.setLong(1, position);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the size of the uploaded rows", e);
        }
    }

    private void prepareCopy() throws Exception {
        buildCopyTexts();
        settle();
    }

    private long copyAll() throws Exception {
        long rows = 0;
        CopyIn copier = copyConnection.unwrap(PGConnection.class).getCopyAPI()::copyIn;
        for (String text : copyTexts) {
            rows += copier.copy(COPY, new StringReader(text));
            copyConnection.commit();
        }
        return TimedPath.expect(rows, eventsPerUpload, "rows copied");
    }

    /** Untimed before every path: every processor has caught up, nothing else runs, and the counts hold. */
    private void settle() throws Exception {
        data.awaitProcessors();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from domain_event where aggregate_type ="
                     + " 'ProxmoxTask'")) {
            rs.next();
            TimedPath.expect(rs.getLong(1), expectedEvents, "task events in domain_event");
        }
        database.settle();
    }

    private long maxPosition() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select coalesce(max(position), 0) from domain_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String[]> template(long after) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement read = connection.prepareStatement(TEMPLATE)) {
            read.setLong(1, after);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[8];
                    for (int c = 0; c < 8; c++) {
                        row[c] = rs.getString(c + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** COPY text per host: the primed rows under fresh event ids and with a round prefix on the stream id. */
    private void buildCopyTexts() {
        copyTexts.clear();
        String prefix = String.format("r%02d:", copyRound++);
        for (List<String[]> rows : templateByHost) {
            StringBuilder text = new StringBuilder(rows.size() * 900);
            for (String[] row : rows) {
                text.append(UUID.randomUUID()).append('\t');
                ReferenceWriter.escape(text, row[0]).append('\t');
                ReferenceWriter.escape(text, prefix + row[1]).append('\t');
                for (int c = 2; c < row.length; c++) {
                    ReferenceWriter.escape(text, row[c]).append(c == row.length - 1 ? '\n' : '\t');
                }
            }
            copyTexts.add(text.toString());
        }
    }

    private void sampleMemory(String phase, String when) throws Exception {
        ServiceProcess service = data.service();
        ProcessMemory memory = ProcessMemory.of(service.pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/" + service.pid() + "/status"));
        extras.add(new Extra("service_rss_" + phase, memory.rssKib(), "KiB", "service VmRSS " + when));
        extras.add(new Extra("service_heap_" + phase, service.heapUsedBytes() / 1024, "KiB",
                "service heap in use " + when + " (Micrometer jvm_memory_used_bytes, area=heap)"));
        if (phase.equals("after_ingest")) {
            extras.add(new Extra("service_rss_peak", memory.hwmKib(), "KiB", "service VmHWM (peak RSS) over the run"));
            if (serviceReused) {
                return;
            }
            service.collectGarbage();
            extras.add(new Extra("service_heap_live_after_ingest", service.heapUsedBytes() / 1024, "KiB",
                    "service heap in use right after a full GC (jcmd GC.run) at the end: what it retains"));
        }
    }

    /** Samples the service's memory once the processors have caught up; the service runs on for the read benchmarks. */
    @Override
    public void close() throws Exception {
        try {
            if (expectedEvents > 0) {
                data.awaitProcessors();
                sampleMemory("after_ingest", "after the last round's uploads, processors caught up");
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
            if (copyConnection != null) {
                copyConnection.close();
            }
        }
    }

    @FunctionalInterface
    private interface CopyIn {
        long copy(String sql, java.io.Reader text) throws SQLException, IOException;
    }
}
