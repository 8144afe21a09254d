package changeledger.bench;

import changeledger.eventstore.StoredEvent;
import changeledger.processing.ProcessingBatch;
import changeledger.processing.TrackingHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A read model as a real projection keeps one: events per type and per stream with the last position, upserted
 * in the batch transaction (one statement per table a batch), tagged with the batch's generation. Counts down
 * its latch when it has seen the event at {@code lastPosition}.
 */
final class CountProjection implements TrackingHandler {

    static final String NAME = "bench-count-projection";

    private static final String UPSERT_TYPES = """
            insert into bench_type_count (generation, event_type, events, last_position)
            select ?, t, n, p from unnest(?::text[], ?::bigint[], ?::bigint[]) as x(t, n, p)
            on conflict (generation, event_type) do update
               set events = bench_type_count.events + excluded.events, last_position = excluded.last_position
            """;

    private static final String UPSERT_STREAMS = """
            insert into bench_stream_count (generation, aggregate_type, aggregate_id, events, last_host, last_position)
            select ?, t, i, n, h, p from unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[])
                                         as x(t, i, n, h, p)
            on conflict (generation, aggregate_type, aggregate_id) do update
               set events = bench_stream_count.events + excluded.events, last_host = excluded.last_host,
                   last_position = excluded.last_position
            """;

    private final long lastPosition;
    private final CountDownLatch done = new CountDownLatch(1);

    CountProjection(long lastPosition) {
        this.lastPosition = lastPosition;
    }

    /** Creates (or empties) the projection's tables. */
    static void reset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists bench_type_count (
                        generation int not null, event_type text not null, events bigint not null,
                        last_position bigint not null, primary key (generation, event_type))""");
            statement.execute("""
                    create table if not exists bench_stream_count (
                        generation int not null, aggregate_type text not null, aggregate_id text not null,
                        events bigint not null, last_host text, last_position bigint not null,
                        primary key (generation, aggregate_type, aggregate_id))""");
            statement.execute("truncate bench_type_count, bench_stream_count");
            statement.execute("delete from processor_token where name = '" + NAME + "'");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Map<String, long[]> types = new LinkedHashMap<>();
        Map<String, Object[]> streams = new LinkedHashMap<>();
        boolean last = false;
        for (StoredEvent event : batch.events()) {
            long position = event.cursor().position();
            long[] type = types.computeIfAbsent(event.type(), t -> new long[2]);
            type[0]++;
            type[1] = position;
            Object[] stream = streams.computeIfAbsent(event.aggregate().type() + "\u0000" + event.aggregate().id(),
                    k -> new Object[] {event.aggregate().type(), event.aggregate().id(), 0L, null, 0L});
            stream[2] = (Long) stream[2] + 1;
            stream[3] = event.payload().path("hostId").asText(null);
            stream[4] = position;
            last |= position == lastPosition;
        }
        Connection connection = batch.connection();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_TYPES)) {
            upsert.setInt(1, batch.generation());
            upsert.setArray(2, connection.createArrayOf("text", types.keySet().toArray()));
            upsert.setArray(3, connection.createArrayOf("bigint", types.values().stream().map(v -> v[0]).toArray()));
            upsert.setArray(4, connection.createArrayOf("bigint", types.values().stream().map(v -> v[1]).toArray()));
            upsert.executeUpdate();
        }
        List<Object[]> rows = List.copyOf(streams.values());
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_STREAMS)) {
            upsert.setInt(1, batch.generation());
            for (int column = 0; column < 5; column++) {
                int c = column;
                upsert.setArray(column + 2, connection.createArrayOf(c == 2 || c == 4 ? "bigint" : "text",
                        rows.stream().map(r -> r[c]).toArray()));
            }
            upsert.executeUpdate();
        }
        if (last) {
            done.countDown();
        }
    }

    /** Released once the batch holding the last event was handled (its commit follows). */
    CountDownLatch done() {
        return done;
    }
}
