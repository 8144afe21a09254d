package changeledger.bench;

import changeledger.bench.AuditDataSet.EventRow;
import changeledger.eventstore.EventRepository;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays every stored event into a projection against a raw sequential read of the same table with the
 * same fetch size. Until the tracking processors land, the project path is the store's own reader
 * ({@link EventRepository#readAfter} pages below the safe head) feeding an in-memory count projection.
 */
public final class CatchUpBenchmark implements Benchmark {

    static final int PAGE = 1_000;

    private static final String SEQSCAN = """
            select position, event_id, aggregate_type, aggregate_id, sequence_number, event_type, revision,
                   payload::text, metadata::text, occurred_at, recorded_at, tx_id::text
              from domain_event
            """;

    private final EventRepository repository;
    private final int events;
    private Connection readerConnection;
    private Connection scanConnection;

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
        return String.format("%,d stored events (written by the store, %d a transaction), pages / fetch size %,d",
                events, PAGE, PAGE);
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        database.resetEvents();
        AuditDataSet data = AuditDataSet.generate(BenchMain.MAPPER, events, AppendBatchBenchmark.STREAMS, 4L);
        try (Connection load = database.connect()) {
            for (List<EventRow> batch : data.batches(PAGE)) {
                repository.append(load, AuditDataSet.appendRequests(batch), AuditDataSet.METADATA);
                load.commit();
            }
        }
        database.vacuum("domain_event");
        readerConnection = database.connect();
        readerConnection.setAutoCommit(true);
        scanConnection = database.connect();
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(
                new TimedPath("catchup_eventstore_reader", "events/s",
                        "store reader: EventRepository.readAfter pages into a count projection (not yet the"
                                + " tracking processor)", () -> { }, this::replay),
                new TimedPath("catchup_seqscan", "rows/s", "raw SELECT of every row and column, same fetch size",
                        () -> { }, this::scan));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of(new Ratio("catchup_vs_seqscan", "catchup_eventstore_reader", "catchup_seqscan"));
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
