package changeledger.bench;

import changeledger.bench.AuditDataSet.EventRow;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/** One event per transaction: the event store against a single-row INSERT into the twin. */
public final class AppendSingleBenchmark implements Benchmark {

    private final EventRepository repository;
    private final int events;
    private BenchDatabase database;
    private AuditDataSet data;
    private List<List<AppendRequest>> appends;
    private ReferenceWriter reference;
    private Connection storeConnection;
    private Connection jdbcConnection;

    /** Measures {@code events} transactions per round. */
    public AppendSingleBenchmark(EventRepository repository, int events) {
        this.repository = repository;
        this.events = events;
    }

    @Override
    public String name() {
        return "append_single";
    }

    @Override
    public String description() {
        return String.format("%,d events a round, one a transaction, over %,d streams", events,
                AppendBatchBenchmark.STREAMS);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        this.database = database;
        data = AuditDataSet.generate(BenchMain.MAPPER, events, AppendBatchBenchmark.STREAMS, 1L);
        appends = data.batches(1).stream().map(AuditDataSet::appendRequests).toList();
        reference = new ReferenceWriter(BenchDatabase.TWIN, data.metadataJson());
        storeConnection = database.connect();
        jdbcConnection = database.connect();
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new TimedPath("append_single_eventstore", "events/s", "EventRepository.append of one event, committed",
                        database::resetEvents, this::appendEach),
                new TimedPath("append_single_jdbc", "rows/s", "single-row INSERT into the twin, committed",
                        database::resetTwin, this::insertEach));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("append_single_vs_jdbc", "append_single_eventstore", "append_single_jdbc"));
    }

    private long appendEach() throws Exception {
        long stored = 0;
        for (List<AppendRequest> append : appends) {
            stored += repository.append(storeConnection, append, AuditDataSet.METADATA).appended().size();
            storeConnection.commit();
        }
        return TimedPath.expect(stored, events, "events stored");
    }

    private long insertEach() throws Exception {
        long stored = 0;
        try (PreparedStatement insert = reference.prepareInsert(jdbcConnection)) {
            for (EventRow row : data.rows()) {
                reference.bind(insert, row);
                stored += insert.executeUpdate();
                jdbcConnection.commit();
            }
        }
        return TimedPath.expect(stored, events, "rows inserted");
    }

    @Override
    public void close() throws Exception {
        if (storeConnection != null) {
            storeConnection.close();
        }
        if (jdbcConnection != null) {
            jdbcConnection.close();
        }
    }
}
