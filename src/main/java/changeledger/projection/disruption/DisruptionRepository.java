package changeledger.projection.disruption;

import changeledger.database.Reads;
import changeledger.ingestion.DisruptionWindow;
import changeledger.ingestion.TaskClass;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All SQL of the disruption windows: task facts and windows written by {@link DisruptionProjection}, windows read. */
@ApplicationScoped
public class DisruptionRepository {

    /**
     * Per target: the last task window that did not fail and starts before the target's settled time (ADR 0019), and
     * every task fact from that window's start on (from the settled time when there is none). UPIDs compare in the
     * {@code "C"} collation, the order of {@link FactPosition}. Both reads are lateral, each a range of one index per
     * target; {@code offset 0} keeps the planner from flattening the second into a hash join over the whole table.
     */
    private static final String WHAT = "the disruption windows";

    private static final String RESTART_FACTS = """
            select a.host_id, a.target, w.start_time, w.window_key, t.upid, t.guest, t.task_type, t.window_kind,
                   t.task_class, t.start_time, t.end_time, t.failed, t.pstart, t.interrupted_at
              from unnest(?::text[], ?::text[], ?::timestamptz[]) as a(host_id, target, settled)
              left join lateral (
                  select w.start_time, w.window_key
                    from disruption_window w
                   where w.generation = ? and w.host_id = a.host_id and w.target = a.target
                     and w.entry_id is null and not w.failed and w.start_time < a.settled
                   order by w.start_time desc, w.window_key collate "C" desc
                   limit 1) w on true
              left join lateral (
                  select t.upid, t.guest, t.task_type, t.window_kind, t.task_class, t.start_time, t.end_time, t.failed,
                         t.pstart, t.interrupted_at
                    from disruption_task t
                   where t.generation = ? and t.host_id = a.host_id and t.target = a.target
                     and t.start_time >= coalesce(w.start_time, a.settled)
                  offset 0) t on true
            """;

    private static final String SAVE_TASKS = """
            insert into disruption_task (generation, host_id, upid, target, guest, task_type, window_kind, task_class,
                                         start_time, end_time, interrupted_at, failed, pstart)
            select ?, * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::boolean[], ?::bigint[])
            on conflict (generation, host_id, upid) do update
               set target = excluded.target, guest = excluded.guest, task_type = excluded.task_type,
                   window_kind = excluded.window_kind, task_class = excluded.task_class,
                   start_time = excluded.start_time, end_time = excluded.end_time,
                   interrupted_at = excluded.interrupted_at, failed = excluded.failed, pstart = excluded.pstart
            """;

    /** One target's task windows from a position on: a range of its index (one statement per target, batched). */
    private static final String DELETE_TASK_WINDOWS_FROM = """
            delete from disruption_window
             where generation = ? and host_id = ? and target = ? and entry_id is null
               and (start_time > ? or (start_time = ? and window_key collate "C" >= ? collate "C"))
            """;

    private static final String SAVE_WINDOWS = """
            insert into disruption_window (generation, host_id, window_key, target, guest, cause, cause_upid,
                                           closed_by_upid, entry_id, closed_by, closed_by_entry_id, start_time,
                                           end_time, failed, migration, until_start, interrupted)
            select ?, * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                                    ?::boolean[], ?::boolean[], ?::boolean[], ?::boolean[])
            on conflict (generation, host_id, window_key) do update
               set target = excluded.target, guest = excluded.guest, cause = excluded.cause,
                   cause_upid = excluded.cause_upid, closed_by_upid = excluded.closed_by_upid,
                   entry_id = excluded.entry_id, closed_by = excluded.closed_by,
                   closed_by_entry_id = excluded.closed_by_entry_id, start_time = excluded.start_time,
                   end_time = excluded.end_time, failed = excluded.failed, migration = excluded.migration,
                   until_start = excluded.until_start, interrupted = excluded.interrupted
            """;

    private static final String DELETE_WINDOWS = """
            delete from disruption_window w
             using unnest(?::text[], ?::text[]) as a(host_id, window_key)
             where w.generation = ? and w.host_id = a.host_id and w.window_key = a.window_key
            """;

    private static final List<String> DELETE_GENERATION = List.of(
            "delete from disruption_task where generation = ?",
            "delete from disruption_window where generation = ?",
            "delete from disruption_host_task where generation = ?");

    /**
     * A host's windows; a stop window that an offline migration carried away (open, a migration, carried by its
     * migration's UPID) ends at the guest's first finished start, or the start of its first destroy, that did not fail,
     * on another host of the source host's cluster from the migration's start on (ADR 0065): the target host, known
     * from that sighting alone. When the source host is in no cluster there is no host to look on: the window ends
     * where the migration started, as the guest left the host then.
     */
    private static final String BETWEEN = """
            select w.host_id, w.target, w.guest, w.start_time, coalesce(w.end_time, a.ended, o.ended), w.cause,
                   w.cause_upid,
                   coalesce(a.upid, w.closed_by_upid), w.entry_id, w.failed, w.migration, w.until_start,
                   coalesce(a.task_type, w.closed_by), w.closed_by_entry_id, w.interrupted
              from disruption_window w
              left join lateral (
                  select t.upid, t.task_type,
                         case when t.task_class = ? then t.end_time else t.start_time end as ended
                    from disruption_task m
                    join host hs on hs.host_id = m.host_id
                    join host ht on ht.cluster = hs.cluster and ht.host_id <> hs.host_id
                    join disruption_task t on t.generation = m.generation and t.host_id = ht.host_id
                                          and t.target = w.target
                   where w.end_time is null and w.migration and w.until_start and w.closed_by_upid is not null
                     and m.generation = w.generation and m.host_id = w.host_id and m.upid = w.closed_by_upid
                     and t.start_time >= m.start_time and t.end_time is not null and not t.failed
                     and (t.task_class = ? or t.window_kind = ?)
                   order by t.start_time, t.upid collate "C"
                   limit 1) a on true
              left join lateral (
                  select m.start_time as ended
                    from disruption_task m
                    join host hs on hs.host_id = m.host_id
                   where w.end_time is null and w.migration and w.until_start and w.closed_by_upid is not null
                     and m.generation = w.generation and m.host_id = w.host_id and m.upid = w.closed_by_upid
                     and hs.cluster is null) o on true
             where w.generation = """ + ActiveGeneration.BY_NAME + """

               and w.host_id = ?
               and (?::timestamptz is null or w.start_time < ?::timestamptz)
               and (?::timestamptz is null or w.end_time is null or w.end_time > ?::timestamptz
                    or w.start_time >= ?::timestamptz)
             order by w.start_time, w.window_key
            """;

    private static final String LAST_START = """
            select max(start_time)
              from disruption_window
             where generation = """ + ActiveGeneration.BY_NAME + """

               and host_id = ? and not failed and start_time < ?
            """;

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource; writes join the processor's batch transaction. */
    public DisruptionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * For each target and the start of its earliest changed fact: where its windows are recomputed from
     * ({@link DisruptionRules#restartAt}) and its stored facts from that second on.
     */
    Map<TargetRef, Restart> restarts(Connection connection, int generation, Map<TargetRef, Instant> earliestChanges,
                                     Duration grace) throws SQLException {
        Map<TargetRef, Restart> restarts = new LinkedHashMap<>();
        if (earliestChanges.isEmpty()) {
            return restarts;
        }
        List<TargetRef> targets = List.copyOf(earliestChanges.keySet());
        try (PreparedStatement read = connection.prepareStatement(RESTART_FACTS)) {
            read.setArray(1, connection.createArrayOf("text", targets.stream().map(TargetRef::hostId).toArray()));
            read.setArray(2, connection.createArrayOf("text", targets.stream().map(TargetRef::target).toArray()));
            read.setArray(3, connection.createArrayOf("text", targets.stream()
                    .map(t -> DisruptionRules.settledBefore(earliestChanges.get(t), grace).toString()).toArray()));
            read.setInt(4, generation);
            read.setInt(5, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    TargetRef target = new TargetRef(rs.getString(1), rs.getString(2));
                    Restart restart = restarts.get(target);
                    if (restart == null) {
                        Instant lastStart = instant(rs, 3);
                        FactPosition last = lastStart == null ? null : new FactPosition(lastStart, rs.getString(4));
                        restart = new Restart(DisruptionRules.restartAt(earliestChanges.get(target), last, grace),
                                new ArrayList<>());
                        restarts.put(target, restart);
                    }
                    String upid = rs.getString(5);
                    if (upid != null) {
                        restart.facts().add(new DisruptionTask(target.hostId(), upid, target.target(),
                                rs.getString(6), rs.getString(7), DisruptionWindow.fromText(rs.getString(8)),
                                TaskClass.fromText(rs.getString(9)), instant(rs, 10), instant(rs, 11),
                                rs.getBoolean(12), rs.getLong(13), instant(rs, 14)));
                    }
                }
            }
        }
        return restarts;
    }

    /** Inserts or replaces task facts. */
    void saveTasks(Connection connection, int generation, Collection<DisruptionTask> tasks) throws SQLException {
        if (tasks.isEmpty()) {
            return;
        }
        int size = tasks.size();
        String[][] texts = new String[10][size];
        Boolean[] failed = new Boolean[size];
        Long[] pstart = new Long[size];
        int i = 0;
        for (DisruptionTask task : tasks) {
            texts[0][i] = task.hostId();
            texts[1][i] = task.upid();
            texts[2][i] = task.target();
            texts[3][i] = task.guest();
            texts[4][i] = task.type();
            texts[5][i] = task.window().json();
            texts[6][i] = task.taskClass().json();
            texts[7][i] = task.startTime().toString();
            texts[8][i] = task.endTime() == null ? null : task.endTime().toString();
            texts[9][i] = task.interruptedAt() == null ? null : task.interruptedAt().toString();
            failed[i] = task.failed();
            pstart[i] = task.pstart();
            i++;
        }
        try (PreparedStatement insert = connection.prepareStatement(SAVE_TASKS)) {
            insert.setInt(1, generation);
            for (int column = 0; column < texts.length; column++) {
                insert.setArray(2 + column, connection.createArrayOf("text", texts[column]));
            }
            insert.setArray(12, connection.createArrayOf("boolean", failed));
            insert.setArray(13, connection.createArrayOf("bigint", pstart));
            insert.executeUpdate();
        }
    }

    /**
     * Replaces the task windows of each target from its restart position on by {@code windows}; earlier ones and
     * manual windows stay.
     */
    void replaceTaskWindows(Connection connection, int generation, Map<TargetRef, FactPosition> from,
                            List<Disruption> windows) throws SQLException {
        if (from.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_TASK_WINDOWS_FROM)) {
            for (Map.Entry<TargetRef, FactPosition> target : from.entrySet()) {
                OffsetDateTime start = target.getValue().start().atOffset(ZoneOffset.UTC);
                delete.setInt(1, generation);
                delete.setString(2, target.getKey().hostId());
                delete.setString(3, target.getKey().target());
                delete.setObject(4, start, Types.TIMESTAMP_WITH_TIMEZONE);
                delete.setObject(5, start, Types.TIMESTAMP_WITH_TIMEZONE);
                delete.setString(6, target.getValue().upid());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        saveWindows(connection, generation, windows);
    }

    /** Inserts or replaces windows by their key. */
    void saveWindows(Connection connection, int generation, List<Disruption> windows) throws SQLException {
        if (windows.isEmpty()) {
            return;
        }
        int size = windows.size();
        String[][] texts = new String[12][size];
        Boolean[][] flags = new Boolean[4][size];
        for (int i = 0; i < size; i++) {
            Disruption window = windows.get(i);
            texts[0][i] = window.hostId();
            texts[1][i] = window.key();
            texts[2][i] = window.target();
            texts[3][i] = window.guest();
            texts[4][i] = window.cause();
            texts[5][i] = window.causeUpid();
            texts[6][i] = window.closedByUpid();
            texts[7][i] = window.entryId();
            texts[8][i] = window.closedBy();
            texts[9][i] = window.closedByEntryId();
            texts[10][i] = window.start().toString();
            texts[11][i] = window.end() == null ? null : window.end().toString();
            flags[0][i] = window.failed();
            flags[1][i] = window.migration();
            flags[2][i] = window.untilStart();
            flags[3][i] = window.interrupted();
        }
        try (PreparedStatement insert = connection.prepareStatement(SAVE_WINDOWS)) {
            insert.setInt(1, generation);
            for (int column = 0; column < texts.length; column++) {
                insert.setArray(2 + column, connection.createArrayOf("text", texts[column]));
            }
            for (int flag = 0; flag < flags.length; flag++) {
                insert.setArray(2 + texts.length + flag, connection.createArrayOf("boolean", flags[flag]));
            }
            insert.executeUpdate();
        }
    }

    /** Deletes windows by host and key. */
    void deleteWindows(Connection connection, int generation, List<String> hostIds, List<String> keys)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_WINDOWS)) {
            delete.setArray(1, connection.createArrayOf("text", hostIds.toArray()));
            delete.setArray(2, connection.createArrayOf("text", keys.toArray()));
            delete.setInt(3, generation);
            delete.executeUpdate();
        }
    }

    /** Drops every row of a generation. */
    void deleteGeneration(Connection connection, int generation) throws SQLException {
        for (String statement : DELETE_GENERATION) {
            try (PreparedStatement delete = connection.prepareStatement(statement)) {
                delete.setInt(1, generation);
                delete.executeUpdate();
            }
        }
    }

    /** When the host's last disruption (failed tasks aside) began before {@code before}, if it had any. */
    public Optional<Instant> lastStart(String hostId, Instant before) {
        return Reads.first(dataSource, LAST_START, (connection, read) -> {
            read.setString(1, DisruptionProjection.NAME);
            read.setString(2, hostId);
            read.setObject(3, before.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }, rs -> instant(rs, 1), WHAT);
    }

    /**
     * The windows of a host, in the generation readers see, that overlap {@code [from, to)} (null: unbounded), in
     * start order; a stop window that an offline migration carried to another host ends where the guest started there
     * ({@link #BETWEEN}).
     */
    public List<Disruption> between(String hostId, Instant from, Instant to) {
        return Reads.list(dataSource, BETWEEN, (connection, read) -> {
            read.setString(1, TaskClass.START.json());
            read.setString(2, TaskClass.START.json());
            read.setString(3, DisruptionWindow.DESTROY_CLOSES_WINDOW.json());
            read.setString(4, DisruptionProjection.NAME);
            read.setString(5, hostId);
            OffsetDateTime toTime = to == null ? null : to.atOffset(ZoneOffset.UTC);
            OffsetDateTime fromTime = from == null ? null : from.atOffset(ZoneOffset.UTC);
            read.setObject(6, toTime, Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(7, toTime, Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(8, fromTime, Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(9, fromTime, Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(10, fromTime, Types.TIMESTAMP_WITH_TIMEZONE);
        }, rs -> new Disruption(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                rs.getBoolean(11), rs.getBoolean(12), rs.getString(13), rs.getString(14), rs.getBoolean(15)), WHAT)
                .stream().filter(window -> window.overlaps(from, to)).toList();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** One target of one host: the unit the windows are recomputed for. */
    record TargetRef(String hostId, String target) {
    }

    /** Where a target's windows are recomputed from, and its stored facts from that second on. */
    record Restart(FactPosition from, List<DisruptionTask> facts) {
    }
}
