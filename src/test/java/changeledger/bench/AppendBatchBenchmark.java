package changeledger.bench;

import changeledger.bench.AuditDataSet.EventRow;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.AppendResult;
import changeledger.eventstore.EventRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Appends audit events in batches of 100 over 1,000 streams, one transaction per batch: the event store
 * against a JDBC batch insert and against COPY of the same rows into the twin.
 */
public final class AppendBatchBenchmark implements Benchmark {

    static final int BATCH = 100;
    static final int STREAMS = 1_000;

    private final EventRepository repository;
    private final int events;
    private BenchDatabase database;
    private AuditDataSet data;
    private List<List<EventRow>> batches;
    private List<List<AppendRequest>> appends;
    private ReferenceWriter reference;
    private Connection storeConnection;
    private Connection jdbcConnection;
    private Connection copyConnection;

    /** Measures {@code events} events per round. */
    public AppendBatchBenchmark(EventRepository repository, int events) {
        this.repository = repository;
        this.events = events;
    }

    @Override
    public String name() {
        return "append_batch";
    }

    @Override
    public String description() {
        return String.format("%,d events a round, %d a transaction, over %,d streams, payload ~%.0f bytes",
                events, BATCH, STREAMS, data == null ? 0.0 : data.averagePayloadBytes());
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        this.database = database;
        data = AuditDataSet.generate(BenchMain.MAPPER, events, STREAMS, 6L);
        batches = data.batches(BATCH);
        appends = batches.stream().map(AuditDataSet::appendRequests).toList();
        reference = new ReferenceWriter(BenchDatabase.TWIN, data.metadataJson());
        storeConnection = database.connect();
        jdbcConnection = database.connect("reWriteBatchedInserts=true");
        copyConnection = database.connect();
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new TimedPath("append_batch_eventstore", "events/s",
                        "EventRepository.append, a transaction per batch", database::resetEvents, this::appendAll),
                new TimedPath("append_batch_jdbc", "rows/s",
                        "JDBC batch INSERT into the twin (reWriteBatchedInserts=true)", database::resetTwin,
                        this::insertAll),
                new TimedPath("append_batch_copy", "rows/s",
                        "COPY into the twin, one COPY and transaction per batch", database::resetTwin, this::copyAll),
                new TimedPath("append_bulk_copy", "rows/s",
                        "ceiling, no ratio: one COPY of all rows into the twin, one transaction", database::resetTwin,
                        this::copyInOne));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("append_batch_vs_jdbc", "append_batch_eventstore", "append_batch_jdbc"),
                new Ratio("append_batch_vs_copy", "append_batch_eventstore", "append_batch_copy"));
    }

    private long appendAll() throws Exception {
        long stored = 0;
        for (List<AppendRequest> append : appends) {
            AppendResult result = repository.append(storeConnection, append, AuditDataSet.METADATA);
            storeConnection.commit();
            stored += result.appended().size();
        }
        return TimedPath.expect(stored, events, "events stored");
    }

    private long insertAll() throws Exception {
        long inserted = 0;
        try (PreparedStatement insert = reference.prepareInsert(jdbcConnection)) {
            for (List<EventRow> batch : batches) {
                inserted += reference.insertBatch(insert, batch);
                jdbcConnection.commit();
            }
        }
        return TimedPath.expect(inserted, events, "rows inserted");
    }

    private long copyAll() throws Exception {
        long copied = 0;
        for (List<EventRow> batch : batches) {
            copied += reference.copy(copyConnection, batch);
            copyConnection.commit();
        }
        return TimedPath.expect(copied, events, "rows copied");
    }

    private long copyInOne() throws Exception {
        long copied = reference.copy(copyConnection, data.rows());
        copyConnection.commit();
        return TimedPath.expect(copied, events, "rows copied");
    }

    @Override
    public void close() throws Exception {
        for (Connection connection : new Connection[] {storeConnection, jdbcConnection, copyConnection}) {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
