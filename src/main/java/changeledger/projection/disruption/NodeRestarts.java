package changeledger.projection.disruption;

import static changeledger.projection.disruption.DisruptionRepository.instant;

import changeledger.ingestion.DisruptionWindow;
import changeledger.ingestion.TaskClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restarts of a node, as the tasks show them: a UPID's {@code pstart} counts clock ticks since boot, so a task that
 * starts later than another with a lower {@code pstart} ran after a restart. A task the rules look at that has no
 * finish is cut off at the start of the first later task of its host (any target, any type) with a lower
 * {@code pstart}. Every task of a host is kept by start and {@code pstart} for that; both directions are answered
 * (a running task seen after the restart's tasks, and a restart's tasks seen after the running task), so the result
 * is the same in any arrival order.
 */
final class NodeRestarts {

    private static final String SAVE = """
            insert into disruption_host_task (generation, host_id, upid, start_time, pstart)
            select ?, * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::bigint[])
            on conflict (generation, host_id, upid) do nothing
            """;

    /**
     * Per running task: the first later task of its host with a lower pstart. Each element is one range of the host's
     * start index from the task's start, up to the first match; {@code offset 0} keeps it a lateral probe (ADR 0020).
     */
    static final String FIRST_LOWER_AFTER = """
            select a.host_id, a.upid, h.start_time
              from unnest(?::text[], ?::text[], ?::timestamptz[], ?::bigint[]) as a(host_id, upid, start_time, pstart)
              cross join lateral (
                  select h.start_time
                    from disruption_host_task h
                   where h.generation = ? and h.host_id = a.host_id and h.start_time > a.start_time
                     and h.pstart < a.pstart
                   order by h.start_time
                   limit 1
                  offset 0) h
            """;

    /**
     * Per host: its stored tasks without finish that start before the batch's latest task and are not known to be
     * cut off before its earliest one; a range of the partial index of unfinished tasks.
     */
    static final String RUNNING = """
            select t.host_id, t.upid, t.target, t.guest, t.task_type, t.window_kind, t.task_class, t.start_time,
                   t.end_time, t.failed, t.pstart, t.interrupted_at
              from unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) as a(host_id, earliest, latest)
              cross join lateral (
                  select *
                    from disruption_task t
                   where t.generation = ? and t.host_id = a.host_id and t.end_time is null
                     and t.start_time < a.latest and t.pstart >= 0
                     and (t.interrupted_at is null or t.interrupted_at > a.earliest)
                  offset 0) t
            """;

    private NodeRestarts() {
    }

    /** Keeps the batch's tasks (every task of a host, whatever its type). */
    static void save(Connection connection, int generation, Collection<HostTask> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(SAVE)) {
            insert.setInt(1, generation);
            insert.setArray(2, connection.createArrayOf("text", tasks.stream().map(HostTask::hostId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", tasks.stream().map(HostTask::upid).toArray()));
            insert.setArray(4, connection.createArrayOf("text",
                    tasks.stream().map(t -> t.startTime().toString()).toArray()));
            insert.setArray(5, connection.createArrayOf("bigint", tasks.stream().map(HostTask::pstart).toArray()));
            insert.executeUpdate();
        }
    }

    /** The unfinished tasks among {@code facts}, cut off where a stored later task of their host shows a restart. */
    static List<DisruptionTask> cutOff(Connection connection, int generation, Collection<DisruptionTask> facts)
            throws SQLException {
        List<DisruptionTask> running = facts.stream()
                .filter(f -> !f.finished() && f.pstart() >= 0 && f.entryId() == null).toList();
        List<DisruptionTask> cut = new ArrayList<>();
        if (running.isEmpty()) {
            return cut;
        }
        Map<String, DisruptionTask> byKey = new LinkedHashMap<>();
        running.forEach(f -> byKey.put(f.hostId() + "/" + f.upid(), f));
        try (PreparedStatement read = connection.prepareStatement(FIRST_LOWER_AFTER)) {
            read.setArray(1, connection.createArrayOf("text", running.stream().map(DisruptionTask::hostId).toArray()));
            read.setArray(2, connection.createArrayOf("text", running.stream().map(DisruptionTask::upid).toArray()));
            read.setArray(3, connection.createArrayOf("text",
                    running.stream().map(f -> f.startTime().toString()).toArray()));
            read.setArray(4, connection.createArrayOf("bigint", running.stream().map(DisruptionTask::pstart).toArray()));
            read.setInt(5, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    cut.add(byKey.get(rs.getString(1) + "/" + rs.getString(2)).interruptedAt(instant(rs, 3)));
                }
            }
        }
        return cut;
    }

    /**
     * The stored unfinished tasks that the batch's {@code tasks} cut off earlier than known: each with the start of
     * the first of them that starts later and has a lower {@code pstart}.
     */
    static List<DisruptionTask> cutOffBy(Connection connection, int generation, Collection<HostTask> tasks)
            throws SQLException {
        Map<String, List<HostTask>> byHost = new LinkedHashMap<>();
        tasks.forEach(t -> byHost.computeIfAbsent(t.hostId(), h -> new ArrayList<>()).add(t));
        List<DisruptionTask> cut = new ArrayList<>();
        if (byHost.isEmpty()) {
            return cut;
        }
        List<String> hosts = List.copyOf(byHost.keySet());
        byHost.values().forEach(list -> list.sort(Comparator.comparing(HostTask::startTime)));
        try (PreparedStatement read = connection.prepareStatement(RUNNING)) {
            read.setArray(1, connection.createArrayOf("text", hosts.toArray()));
            read.setArray(2, connection.createArrayOf("text",
                    hosts.stream().map(h -> byHost.get(h).get(0).startTime().toString()).toArray()));
            read.setArray(3, connection.createArrayOf("text",
                    hosts.stream().map(h -> last(byHost.get(h)).startTime().toString()).toArray()));
            read.setInt(4, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    DisruptionTask running = new DisruptionTask(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), DisruptionWindow.fromText(rs.getString(6)),
                            TaskClass.fromText(rs.getString(7)), instant(rs, 8), instant(rs, 9), rs.getBoolean(10),
                            rs.getLong(11), instant(rs, 12));
                    for (HostTask later : byHost.get(running.hostId())) {
                        if (later.startTime().isAfter(running.startTime()) && later.pstart() < running.pstart()) {
                            if (running.interruptedAt() == null || later.startTime().isBefore(running.interruptedAt())) {
                                cut.add(running.interruptedAt(later.startTime()));
                            }
                            break;
                        }
                    }
                }
            }
        }
        return cut;
    }

    private static HostTask last(List<HostTask> tasks) {
        return tasks.get(tasks.size() - 1);
    }

    /**
     * A task of a host, of any type: where it lies in time and in its node's uptime.
     *
     * @param hostId    the host
     * @param upid      the UPID
     * @param startTime when it started
     * @param pstart    its worker's process start, in clock ticks since boot
     */
    record HostTask(String hostId, String upid, Instant startTime, long pstart) {
    }
}
