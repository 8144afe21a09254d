package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Task-index uploads over HTTP to the packaged service (sealer running, as in production) against COPY of
 * the same number of event rows into the twin, in the same run.
 *
 * <p>Two hosts, one ingester key each, one upload per host a round (each upload is one transaction; the answer
 * comes after commit). Every round uploads new lines (new UPIDs), so the service stores new events; the tables
 * grow by the same rows on both sides. The COPY rows are the events the service wrote for a priming upload
 * in {@link #load}, given fresh event ids and stream ids each round, with their payloads and metadata as stored.
 */
public final class IngestBenchmark implements Benchmark {

    static final String[] HOSTS = {"bench-a", "bench-b"};

    private static final String TEMPLATE = """
            select aggregate_type, aggregate_id, sequence_number, event_type, revision, payload::text,
                   metadata::text, occurred_at::text
              from domain_event where position > ? order by position
            """;

    private static final String SEALER_CAUGHT_UP = """
            select t.name is not null and not exists (
                       select 1 from domain_event e where (e.tx_id, e.position) > (t.tx_id::text::xid8, t.position))
              from (select 1) one left join processor_token t on t.name = 'seal-chain'
            """;

    private static final String COPY = "copy " + BenchDatabase.TWIN + " (event_id, aggregate_type, aggregate_id,"
            + " sequence_number, event_type, revision, payload, metadata, occurred_at) from stdin";

    private final int linesPerHost;
    private final List<TaskLineGenerator> generators = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<Extra> extras = new ArrayList<>();
    private final List<List<String[]>> templateByHost = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<String> copyTexts = new ArrayList<>();
    private BenchDatabase database;
    private ServiceProcess service;
    private Connection connection;
    private long positionBefore;
    private long expectedEvents;
    private int copyRound;

    /** Uploads {@code linesPerHost} finished-task lines for each of the two hosts a round. */
    public IngestBenchmark(int linesPerHost) {
        this.linesPerHost = linesPerHost;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        return String.format("%,d task-index lines a round (%,d per host, 2 hosts, one upload each, HTTP/1.1),"
                + " 2 events a line; packaged service with its sealer running", linesPerHost * 2, linesPerHost);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        this.database = database;
        database.resetEvents();
        database.resetTwin();
        service = ServiceProcess.start(database.jdbcUrl(), database.user(), database.password(), BenchMain.MAPPER);
        connection = database.connect();
        connection.setAutoCommit(true);
        for (int h = 0; h < HOSTS.length; h++) {
            service.registerHost(HOSTS[h], "pve-" + HOSTS[h]);
            tokens.add(service.createIngesterKey(HOSTS[h]));
            generators.add(new TaskLineGenerator("pve-" + HOSTS[h], 600L + h));
        }
        sampleMemory("after_start", "after start and host/key registration");
        // priming upload: warms the service and yields the rows the COPY reference writes
        for (int h = 0; h < HOSTS.length; h++) {
            long before = maxPosition();
            String body = String.join("\n", generators.get(h).indexLines(linesPerHost)) + "\n";
            expectedEvents += checkedEvents(service.ingestTaskIndex(HOSTS[h], tokens.get(h), body), h);
            templateByHost.add(template(before));
        }
        long templateRows = templateByHost.stream().mapToLong(List::size).sum();
        if (templateRows != (long) linesPerHost * 2 * HOSTS.length) {
            throw new IllegalStateException("priming upload stored " + templateRows + " events, expected "
                    + linesPerHost * 2 * HOSTS.length);
        }
        // the twin starts as big as domain_event: the primed rows once, under their own ids
        buildCopyTexts();
        copyAll();
        awaitSealer();
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new TimedPath("ingest_http", "events/s", "POST /api/v1/hosts/{id}/ingest/task-index, one upload per"
                        + " host, events committed (answer after commit)", this::prepareUpload, this::upload),
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
        for (TaskLineGenerator generator : generators) {
            bodies.add(String.join("\n", generator.indexLines(linesPerHost)) + "\n");
        }
        settle();
        positionBefore = maxPosition();
    }

    private long upload() throws Exception {
        long reported = 0;
        for (int h = 0; h < HOSTS.length; h++) {
            reported += checkedEvents(service.ingestTaskIndex(HOSTS[h], tokens.get(h), bodies.get(h)), h);
        }
        expectedEvents += reported;
        long stored = maxPosition() - positionBefore;
        return TimedPath.expect(stored, reported, "events stored by the uploads (position advance)");
    }

    private void prepareCopy() throws Exception {
        buildCopyTexts();
        settle();
    }

    private long copyAll() throws Exception {
        long rows = 0;
        try (Connection copy = database.connect()) {
            CopyIn copier = copy.unwrap(PGConnection.class).getCopyAPI()::copyIn;
            for (String text : copyTexts) {
                rows += copier.copy(COPY, new StringReader(text));
                copy.commit();
            }
        }
        return TimedPath.expect(rows, (long) linesPerHost * 2 * HOSTS.length, "rows copied");
    }

    /** Untimed before every path: the sealer has sealed every event, nothing else runs, and the counts hold. */
    private void settle() throws Exception {
        awaitSealer();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from domain_event where aggregate_type ="
                     + " 'ProxmoxTask'")) {
            rs.next();
            TimedPath.expect(rs.getLong(1), expectedEvents, "task events in domain_event");
        }
        database.settle();
    }

    private void awaitSealer() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(SEALER_CAUGHT_UP)) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the sealer did not catch up within 10 minutes");
    }

    private long checkedEvents(JsonNode answer, int host) {
        if (answer.path("accepted").asInt() != linesPerHost || answer.path("duplicates").asInt() != 0
                || answer.path("ignored").asInt() != 0 || !answer.path("rejected").isEmpty()) {
            throw new IllegalStateException("upload for " + HOSTS[host] + " answered " + answer);
        }
        return 2L * linesPerHost;
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
        ProcessMemory memory = ProcessMemory.of(service.pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/" + service.pid() + "/status"));
        extras.add(new Extra("service_rss_" + phase, memory.rssKib(), "KiB", "service VmRSS " + when));
        extras.add(new Extra("service_heap_" + phase, service.heapUsedBytes() / 1024, "KiB",
                "service heap in use " + when + " (Micrometer jvm_memory_used_bytes, area=heap)"));
        if (phase.equals("after_ingest")) {
            extras.add(new Extra("service_rss_peak", memory.hwmKib(), "KiB", "service VmHWM (peak RSS) over the run"));
            service.collectGarbage();
            extras.add(new Extra("service_heap_live_after_ingest", service.heapUsedBytes() / 1024, "KiB",
                    "service heap in use right after a full GC (jcmd GC.run) at the end: what it retains"));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (service != null && expectedEvents > 0) {
                awaitSealer();
                sampleMemory("after_ingest", "after the last round's uploads, sealer caught up");
            }
        } finally {
            if (service != null) {
                service.close();
            }
            if (connection != null) {
                connection.close();
            }
        }
    }

    @FunctionalInterface
    private interface CopyIn {
        long copy(String sql, java.io.Reader text) throws SQLException, IOException;
    }
}
