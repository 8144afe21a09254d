package changeledger.projection;

import changeledger.database.Reads;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** All SQL of the task view: rows written by {@link TaskViewProjection}, pages read by the task API. */
@ApplicationScoped
public class TaskViewRepository {

    private static final String WHAT = "the task view";

    private static final String INSERT = """
            insert into task_view (generation, upid, task_type, start_time, task_class, guest, user_name, host_id,
                                   end_time, status, failed)
            select ?, * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::timestamptz[], ?::text[], ?::boolean[])
            on conflict do nothing
            """;

    /** One task's end, by primary key: index-bound whatever the planner knows of the table (ADR 0020). */
    private static final String FINISH = """
            update task_view set end_time = ?, status = ?, failed = ?
             where generation = ? and host_id = ? and upid = ?
            """;

    private static final String DELETE_GENERATION = "delete from task_view where generation = ?";

    private static final String ACTIVE = "generation = " + ActiveGeneration.of(TaskViewProjection.NAME)
            + " and host_id = ?";

    /** The host and the other members of its cluster. */
    private static final String MEMBERS = "(select ?::text union select p.host_id from host h join host p"
            + " on p.cluster = h.cluster where h.host_id = ?)";

    /** A task of the host, or a migration that brought a guest to it (ADR 0065): the keyset of a page. */
    private static final String START_OF = "select start_time from task_view where generation = "
            + ActiveGeneration.of(TaskViewProjection.NAME) + " and host_id in " + MEMBERS
            + " and upid = ? order by (host_id = ?) desc limit 1";

    /**
     * The migrations that brought a guest to the host (ADR 0065): a migration that ended OK on another member of its
     * cluster, where the guest's next sighting on another member from the migration's start on (a task of it, a
     * snapshot that shows it, or shows it gone) is on this host. The UPID names the source alone: the target is
     * inferred from that sighting.
     */
    private static final String MIGRATED_IN = "generation = " + ActiveGeneration.of(TaskViewProjection.NAME)
            + " and task_type = any(?) and end_time is not null and not failed and host_id <> ? and host_id in "
            + MEMBERS + " and ? = (select n.host_id from ("
            + " select v.host_id, v.start_time as seen, v.upid as key from task_view v"
            + "  where v.generation = task_view.generation and v.guest = task_view.guest"
            + "    and v.host_id <> task_view.host_id and v.start_time >= task_view.start_time and v.host_id in "
            + MEMBERS
            + " union all"
            + " select g.host_id, g.at, g.position::text from guest_sighting g"
            + "  where g.generation = " + ActiveGeneration.of(GuestProjection.NAME)
            + "    and g.guest = task_view.guest and g.host_id <> task_view.host_id and g.at >= task_view.start_time"
            + "    and g.kind = any(?) and g.host_id in " + MEMBERS
            + " ) n order by n.seen, n.key limit 1)";

    /** The sightings that place a guest on a host: a snapshot showed it there, or showed it gone. */
    private static final String[] SIGHTINGS_THERE = {GuestSighting.Kind.CONFIG.column(),
        GuestSighting.Kind.DESTROYED.column()};

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource; writes join the processor's batch transaction. */
    public TaskViewRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A task's end, for {@link #finish}. */
    record Finish(String hostId, String upid, Instant end, String status, boolean failed) {
    }

    void insert(Connection connection, int generation, List<TaskRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setInt(1, generation);
            insert.setArray(2, texts(connection, rows.stream().map(TaskRow::upid)));
            insert.setArray(3, texts(connection, rows.stream().map(TaskRow::type)));
            insert.setArray(4, texts(connection, rows.stream().map(row -> row.start().toString())));
            insert.setArray(5, texts(connection, rows.stream().map(TaskRow::taskClass)));
            insert.setArray(6, texts(connection, rows.stream().map(TaskRow::guest)));
            insert.setArray(7, texts(connection, rows.stream().map(TaskRow::user)));
            insert.setArray(8, texts(connection, rows.stream().map(TaskRow::hostId)));
            insert.setArray(9, texts(connection, rows.stream().map(row -> row.end() == null ? null : row.end().toString())));
            insert.setArray(10, texts(connection, rows.stream().map(TaskRow::status)));
            insert.setArray(11, connection.createArrayOf("boolean", rows.stream().map(TaskRow::failed).toArray()));
            insert.executeUpdate();
        }
    }

    void finish(Connection connection, int generation, List<Finish> finishes) throws SQLException {
        if (finishes.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(FINISH)) {
            for (Finish finish : finishes) {
                update.setTimestamp(1, Timestamp.from(finish.end()));
                update.setString(2, finish.status());
                update.setBoolean(3, finish.failed());
                update.setInt(4, generation);
                update.setString(5, finish.hostId());
                update.setString(6, finish.upid());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    void deleteGeneration(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_GENERATION)) {
            delete.setInt(1, generation);
            delete.executeUpdate();
        }
    }

    /**
     * When the host's task {@code upid} (or a migration that brought a guest to it) started, if the view holds it: the
     * place a page continues after.
     */
    public Optional<Instant> startOf(String hostId, String upid) {
        return Reads.first(dataSource, START_OF, (connection, read) -> {
            read.setString(1, hostId);
            read.setString(2, hostId);
            read.setString(3, upid);
            read.setString(4, hostId);
        }, rs -> rs.getTimestamp(1).toInstant(), WHAT);
    }

    /**
     * Up to {@code limit} tasks that match, in start order (the UPID breaking ties), after the task that started at
     * {@code afterStart} with {@code afterUpid} (both null: from the first).
     */
    public List<TaskRow> page(TaskFilter filter, Instant afterStart, String afterUpid, int limit) {
        List<Object> values = new ArrayList<>();
        String columns = "select upid, task_type, start_time, end_time, status, task_class, guest, user_name, failed, "
                + "host_id from task_view where ";
        StringBuilder sql = new StringBuilder("select * from ((").append(columns).append(ACTIVE);
        values.add(filter.hostId());
        conditions(filter, afterStart, afterUpid, sql, values);
        sql.append(" order by start_time, upid limit ?) union all (").append(columns).append(MIGRATED_IN);
        values.add(limit);
        String hostId = filter.hostId();
        values.addAll(List.of(Migrations.GUEST_MIGRATIONS.toArray(String[]::new), hostId, hostId, hostId, hostId,
                hostId, hostId, SIGHTINGS_THERE, hostId, hostId));
        conditions(filter, afterStart, afterUpid, sql, values);
        sql.append(" order by start_time, upid limit ?)) page order by start_time, upid limit ?");
        values.add(limit);
        values.add(limit);
        return read(sql.toString(), values);
    }

    private static void conditions(TaskFilter filter, Instant afterStart, String afterUpid, StringBuilder sql,
                                   List<Object> values) {
        condition(sql, values, "task_type = ?", filter.type());
        condition(sql, values, "task_class = ?", filter.taskClass());
        condition(sql, values, "guest = ?", filter.guest());
        condition(sql, values, "user_name = ?", filter.user());
        condition(sql, values, "start_time >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
        condition(sql, values, "start_time < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
        if (filter.status() != null) {
            sql.append(switch (filter.status()) {
                case "ok" -> " and end_time is not null and not failed";
                case "failed" -> " and failed";
                case "running" -> " and end_time is null";
                default -> throw new IllegalArgumentException("status " + filter.status());
            });
        }
        if (afterUpid != null) {
            sql.append(" and (start_time, upid) > (?, ?)");
            values.add(Timestamp.from(afterStart));
            values.add(afterUpid);
        }
    }

    private List<TaskRow> read(String sql, List<Object> values) {
        return Reads.list(dataSource, sql, (connection, read) -> {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof String[] array) {
                    read.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    read.setObject(i + 1, values.get(i));
                }
            }
        }, rs -> {
            Timestamp end = rs.getTimestamp(4);
            rs.getBoolean(9);
            Boolean failed = rs.wasNull() ? null : rs.getBoolean(9);
            return new TaskRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                    end == null ? null : end.toInstant(), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getString(8), failed, rs.getString(10));
        }, WHAT);
    }

    private static void condition(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            sql.append(" and ").append(condition);
            values.add(value);
        }
    }

    private static java.sql.Array texts(Connection connection, java.util.stream.Stream<String> values)
            throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }
}
