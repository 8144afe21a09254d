package changeledger.cluster;

import changeledger.database.Reads;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** All SQL of the clusters' read model: written by {@link ClusterProjection}, read by {@link ClusterService}. */
@ApplicationScoped
public class ClusterRepository {

    private static final String ACTIVE = "generation = " + ActiveGeneration.of(ClusterProjection.NAME);

    private static final String JOIN = """
            insert into cluster_membership (generation, position, host_id, cluster, joined)
            values (?, ?, ?, ?, ?) on conflict do nothing
            """;

    private static final String LEAVE = """
            update cluster_membership set left_at = ?
             where generation = ? and host_id = ? and left_at is null
            """;

    private static final String TASK = """
            insert into cluster_task (generation, host_id, upid, task_type, start_time, end_time, status)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (generation, host_id, upid) do update
               set end_time = coalesce(excluded.end_time, cluster_task.end_time),
                   status = coalesce(excluded.status, cluster_task.status)
            """;

    private static final String OBSERVE = """
            insert into cluster_observation (generation, position, host_id, kind, at, detail, subject_host_id,
                                             event_id, line)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
            """;

    private static final String SPANS = "select host_id, cluster, joined, left_at from cluster_membership where "
            + ACTIVE + " order by cluster, joined, position";

    private static final String TASKS = "select host_id, upid, task_type, start_time, end_time, status from cluster_task"
            + " where " + ACTIVE + " and host_id = any(?) order by start_time, upid";

    private static final String OBSERVATIONS = "select host_id, kind, at, detail, subject_host_id, event_id, line"
            + " from cluster_observation where " + ACTIVE + " and host_id = any(?) order by at, position";

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource; writes join the processor's batch transaction. */
    public ClusterRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void join(Connection connection, int generation, long position, String hostId, String cluster, Instant since)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(JOIN)) {
            insert.setInt(1, generation);
            insert.setLong(2, position);
            insert.setString(3, hostId);
            insert.setString(4, cluster);
            insert.setTimestamp(5, Timestamp.from(since));
            insert.executeUpdate();
        }
    }

    void leave(Connection connection, int generation, String hostId, Instant since) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(LEAVE)) {
            update.setTimestamp(1, Timestamp.from(since));
            update.setInt(2, generation);
            update.setString(3, hostId);
            update.executeUpdate();
        }
    }

    void saveTasks(Connection connection, int generation, List<ClusterTask> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(TASK)) {
            for (ClusterTask task : tasks) {
                upsert.setInt(1, generation);
                upsert.setString(2, task.hostId());
                upsert.setString(3, task.upid());
                upsert.setString(4, task.type());
                upsert.setTimestamp(5, Timestamp.from(task.start()));
                upsert.setTimestamp(6, task.end() == null ? null : Timestamp.from(task.end()));
                upsert.setString(7, task.status());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    void observe(Connection connection, int generation, long position, ClusterObservation observation)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OBSERVE)) {
            insert.setInt(1, generation);
            insert.setLong(2, position);
            insert.setString(3, observation.hostId());
            insert.setString(4, observation.kind());
            insert.setTimestamp(5, Timestamp.from(observation.at()));
            insert.setString(6, observation.detail());
            insert.setString(7, observation.subjectHostId());
            insert.setObject(8, observation.eventId());
            insert.setString(9, observation.line());
            insert.executeUpdate();
        }
    }

    void deleteGeneration(Connection connection, int generation) throws SQLException {
        for (String table : List.of("cluster_membership", "cluster_task", "cluster_observation")) {
            try (PreparedStatement delete = connection.prepareStatement("delete from " + table
                    + " where generation = ?")) {
                delete.setInt(1, generation);
                delete.executeUpdate();
            }
        }
    }

    /** Every membership span of every cluster, by cluster and join time. */
    public List<MembershipSpan> spans() {
        return Reads.list(dataSource, SPANS, (connection, read) -> { }, row -> {
            Timestamp left = row.getTimestamp(4);
            return new MembershipSpan(row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                    left == null ? null : left.toInstant());
        }, "the cluster memberships");
    }

    /** The join tasks of some hosts, by start. */
    public List<ClusterTask> tasks(Collection<String> hostIds) {
        if (hostIds.isEmpty()) {
            return List.of();
        }
        return Reads.list(dataSource, TASKS, (connection, read) -> read.setArray(1,
                connection.createArrayOf("text", hostIds.toArray(String[]::new))), row -> {
                    Timestamp end = row.getTimestamp(5);
                    return new ClusterTask(row.getString(1), row.getString(2), row.getString(3),
                            row.getTimestamp(4).toInstant(), end == null ? null : end.toInstant(), row.getString(6));
                }, "the cluster tasks");
    }

    /** What the journals of some hosts logged of their cluster, by time. */
    public List<ClusterObservation> observations(Collection<String> hostIds) {
        if (hostIds.isEmpty()) {
            return List.of();
        }
        return Reads.list(dataSource, OBSERVATIONS, (connection, read) -> read.setArray(1,
                connection.createArrayOf("text", hostIds.toArray(String[]::new))), row -> new ClusterObservation(
                row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(), row.getString(4),
                row.getString(5), row.getObject(6, java.util.UUID.class), row.getString(7)), "the cluster observations");
    }
}
