package changeledger.bench;

import changeledger.bench.AuditDataSet.EventRow;
import changeledger.eventstore.EventReader;
import changeledger.eventstore.EventRepository;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import changeledger.processing.EngineSettings;
import changeledger.processing.PlainTransactions;
import changeledger.processing.ProcessingConfig;
import changeledger.processing.ProcessorEngine;
import io.smallrye.config.WithDefault;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Replays every stored event through the tracking processor engine into a count projection (a read model
 * written in each batch transaction, with the token), against a raw sequential read of the same table with
 * the same fetch size. The store's reader alone ({@link EventRepository#readAfter} pages into an in-memory
 * count) is measured beside them, without a ratio.
 */
public final class CatchUpBenchmark implements Benchmark {

    /**
     * The processors' batch size in production ({@code changeledger.processing.batch-size}, read from its default),
     * also the reader's page and the sequential read's fetch size.
     */
    static final int PAGE = productionBatchSize();

    private static final int LOAD_TRANSACTION = 1_000;

    private static final String SEQSCAN = """
            select position, event_id, aggregate_type, aggregate_id, sequence_number, event_type, revision,
                   payload::text, metadata::text, occurred_at, recorded_at, tx_id::text
              from domain_event
            """;

    private final EventRepository repository;
    private final int events;
    private Connection readerConnection;
    private Connection scanConnection;
    private BenchDatabase database;
    private long lastPosition;

    /** Replays {@code events} events a round. */
    public CatchUpBenchmark(EventRepository repository, int events) {
        this.repository = repository;
        this.events = events;
    }

    @Override
    public String name() {
        return "catchup";
    }

    @Override
    public String description() {
        return String.format("%,d stored events (written by the store, %,d a transaction), batches / pages / fetch"
                + " size %,d", events, LOAD_TRANSACTION, PAGE);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        this.database = database;
        database.resetEvents();
        AuditDataSet data = AuditDataSet.generate(BenchMain.MAPPER, events, AppendBatchBenchmark.STREAMS, 4L);
        try (Connection load = database.connect()) {
            for (List<EventRow> batch : data.batches(LOAD_TRANSACTION)) {
                repository.append(load, AuditDataSet.appendRequests(batch), AuditDataSet.METADATA);
                load.commit();
            }
        }
        database.vacuum("domain_event");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select max(position) from domain_event")) {
            rs.next();
            lastPosition = rs.getLong(1);
        }
        readerConnection = database.connect();
        readerConnection.setAutoCommit(true);
        scanConnection = database.connect();
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new TimedPath("catchup_processor", "events/s", "tracking processor (ProcessorEngine on a plain"
                        + " DataSource) from position 0: batches into a per-type and per-stream count table, token"
                        + " in the same transaction", this::resetProjection, this::process),
                new TimedPath("catchup_eventstore_reader", "events/s",
                        "store reader alone: EventRepository.readAfter pages into an in-memory count (no ratio)",
                        database::settle, this::replay),
                new TimedPath("catchup_seqscan", "rows/s", "raw SELECT of every row and column, same fetch size",
                        database::settle, this::scan));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("catchup_vs_seqscan", "catchup_processor", "catchup_seqscan"));
    }

    private void resetProjection() throws Exception {
        try (Connection connection = database.connect()) {
            CountProjection.reset(connection);
            connection.commit();
        }
        database.settle();
    }

    private long process() throws Exception {
        CountProjection projection = new CountProjection(lastPosition);
        DataSource dataSource = database.dataSource();
        ProcessorEngine engine = new ProcessorEngine(dataSource, new PlainTransactions(dataSource),
                new EventReader(BenchMain.MAPPER, List.of()), List.of(projection), new EngineSettings("bench", PAGE,
                Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(30), false));
        engine.start();
        try {
            if (!projection.done().await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the processor did not reach the last event within 10 minutes");
            }
        } finally {
            engine.stop();
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select (select sum(events) from bench_type_count),
                            (select sum(events) from bench_stream_count),
                            (select position from processor_token where name = '%s')""".formatted(
                     CountProjection.NAME))) {
            rs.next();
            TimedPath.expect(rs.getLong(2), rs.getLong(1), "events counted per stream");
            TimedPath.expect(rs.getLong(3), lastPosition, "token position");
            return TimedPath.expect(rs.getLong(1), events, "events projected");
        }
    }

    private long replay() throws Exception {
        Map<String, Long> countsByHostAndType = new HashMap<>();
        GlobalCursor cursor = GlobalCursor.START;
        long seen = 0;
        while (true) {
            List<StoredEvent> page = repository.readAfter(readerConnection, cursor, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredEvent event : page) {
                countsByHostAndType.merge(event.payload().path("hostId").asText() + "/" + event.type(), 1L,
                        Long::sum);
            }
            seen += page.size();
            cursor = page.get(page.size() - 1).cursor();
        }
        long counted = countsByHostAndType.values().stream().mapToLong(Long::longValue).sum();
        TimedPath.expect(counted, seen, "events projected");
        return TimedPath.expect(seen, events, "events replayed");
    }

    private long scan() throws Exception {
        long rows = 0;
        long bytes = 0;
        try (Statement statement = scanConnection.createStatement()) {
            statement.setFetchSize(PAGE);
            try (ResultSet rs = statement.executeQuery(SEQSCAN)) {
                while (rs.next()) {
                    for (int column = 1; column <= 12; column++) {
                        String value = rs.getString(column);
                        bytes += value == null ? 0 : value.length();
                    }
                    rows++;
                }
            }
        }
        scanConnection.commit();
        if (bytes == 0) {
            throw new IllegalStateException("the scan read nothing");
        }
        return TimedPath.expect(rows, events, "rows scanned");
    }

    private static int productionBatchSize() {
        try {
            return Integer.parseInt(ProcessingConfig.class.getMethod("batchSize").getAnnotation(WithDefault.class)
                    .value());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ProcessingConfig has no batch size", e);
        }
    }

    @Override
    public void close() throws Exception {
        if (readerConnection != null) {
            readerConnection.close();
        }
        if (scanConnection != null) {
            scanConnection.close();
        }
    }
}
