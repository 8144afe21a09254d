package changeledger.projection;

import changeledger.domain.EventClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The writes of the change statistics: items, links and the per-day rollup written by {@link ChangeStatsProjection} in
 * its batch transaction; {@link ChangeStatsReader} reads them.
 */
@ApplicationScoped
public class ChangeStatsWriter {

    private static final String MIGRATION_TYPES = StatsItem.MIGRATION_TYPES.stream()
            .map(type -> "'" + type + "'").collect(Collectors.joining(", ", "(", ")"));

    private static final String ITEM_COLUMNS = """
            position, event_id, host_id, kind, stream, guest, event_class, occurred_at, counted, linked_task_position,
            linked_task_stream, link_types, target, window_start, security, failed, ended_at""";

    private static final String ZONE = """
            with added as (
                insert into change_stats_generation (generation, time_zone) values (?, ?)
                on conflict (generation) do nothing
                returning time_zone)
            select time_zone from added
            union all
            select time_zone from change_stats_generation where generation = ?
            """;

    private static final String INSERT = "insert into change_stats_item (generation, " + ITEM_COLUMNS + """
            )
            select ?, * from unnest(?::bigint[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::timestamptz[], ?::boolean[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                                    ?::timestamptz[], ?::boolean[], ?::boolean[], ?::timestamptz[])
            """;

    /**
     * The stored tasks and calls of a host in the ranges, each range a range of {@code change_stats_item_host_time}:
     * the lateral subquery with {@code offset 0} keeps the planner from turning it into a hash join over all of a
     * host's items, which made every batch read the whole history (a catch-up quadratic in the events).
     */
    private static final String NEARBY = """
            select distinct i.position, i.event_id, i.host_id, i.kind, i.stream, i.guest, i.event_class, i.occurred_at,
                   i.counted, i.linked_task_position, i.linked_task_stream, i.link_types, i.target, i.window_start,
                   i.security, i.failed, i.ended_at
              from unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) w(host_id, low, high)
             cross join lateral (
                   select i.*
                     from change_stats_item i
                    where i.generation = ? and i.host_id = w.host_id and i.occurred_at between w.low and w.high
                      and i.kind in ('task', 'access')
                   offset 0) i
            """;

    /**
     * For each drift (host, target, window start, window end), the stored task or access-log change of class change
     * or disruptive of that target inside its window that comes first in the store: the one that explains it. The
     * inner query with {@code offset 0} reads the window's range of {@code change_stats_item_host_time}; without it
     * the planner may walk the primary key in position order for the {@code limit 1}.
     */
    private static final String EXPLAINING = """
            select w.ordinality, i.position, i.stream
              from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) with ordinality
                   w(host_id, target, low, high)
             cross join lateral (
                   select c.position, c.stream
                     from (select i.position, i.stream
                             from change_stats_item i
                            where i.generation = ? and i.host_id = w.host_id and i.occurred_at > w.low
                              and i.occurred_at <= w.high and i.target = w.target and i.kind in ('task', 'access')
                              and i.event_class in\s""" + EventClass.sqlList(EventClass.EXPLAINING_DRIFT) + """

                           offset 0) c
                    order by c.position
                    limit 1) i
            """;

    /**
     * For each drift that shows a guest appear (host, guest, window start, window end), the stored migration of that
     * guest that did not fail, on another member of the host's cluster, whose span overlaps its window (started at or
     * before its end, ended after its start; a migration with no finish yet spans its start), first in the store
     * (ADR 0068). The migrations of a guest are read through {@code change_stats_item_migration}.
     */
    private static final String MOVED_EXPLAINING = """
            select w.ordinality, i.position, i.stream
              from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) with ordinality
                   w(host_id, guest, low, high)
              join host b on b.host_id = w.host_id
             cross join lateral (
                   select c.position, c.stream
                     from (select i.position, i.stream
                             from change_stats_item i
                             join host m on m.host_id = i.host_id
                            where i.generation = ? and i.kind = 'task' and i.guest = w.guest
                              and i.link_types in\s""" + MIGRATION_TYPES + """

                              and i.occurred_at <= w.high and coalesce(i.ended_at, i.occurred_at) > w.low
                              and not i.failed and i.event_class in\s""" + EventClass.sqlList(EventClass.EXPLAINING_DRIFT)
            + """

                              and m.cluster = b.cluster and m.host_id <> b.host_id
                           offset 0) c
                    order by c.position
                    limit 1) i
            """;

    /** The stored drifts that no change explains yet, of the targets of these changes, whose window holds one. */
    private static final String UNEXPLAINED_DRIFTS = "select distinct " + prefixed("d.") + """

              from unnest(?::text[], ?::text[], ?::timestamptz[]) c(host_id, target, at)
             cross join lateral (
                   select d.*
                     from change_stats_item d
                    where d.generation = ? and d.kind = 'drift' and d.host_id = c.host_id and d.target = c.target
                      and d.occurred_at >= c.at and d.window_start < c.at and d.linked_task_position is null
                   offset 0) d
            """;

    /**
     * The stored drifts that no change explains yet, that show the guest of one of these migrations appear on another
     * member of the migration's host's cluster, and whose window the migration's span overlaps.
     */
    private static final String UNEXPLAINED_APPEARED = "select distinct " + prefixed("d.") + """

              from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[]) c(host_id, guest, at, ended)
              join host a on a.host_id = c.host_id
             cross join lateral (
                   select d.*
                     from change_stats_item d
                     join host m on m.host_id = d.host_id
                    where d.generation = ? and d.kind = 'drift' and d.link_types is not null and d.guest = c.guest
                      and d.occurred_at >= c.at and d.window_start < c.ended and d.linked_task_position is null
                      and m.cluster = a.cluster and m.host_id <> a.host_id
                   offset 0) d
            """;

    /** Records the finish (end, failure) of migration tasks; returns the positions of those stored. */
    private static final String FINISH = """
            update change_stats_item i set ended_at = u.ended_at, failed = u.failed
              from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::boolean[])
                   u(host_id, stream, started, ended_at, failed)
             where i.generation = ? and i.host_id = u.host_id and i.occurred_at = u.started and i.stream = u.stream
               and i.kind = 'task'
            returning i.position
            """;

    /**
     * The drifts of other hosts that one of these migrations explains, and those that show its guest appear on another
     * member of its host's cluster in a window its span overlaps: what its finish may change.
     */
    private static final String TOUCHED = "select " + prefixed("d.") + """

              from change_stats_item t
              join change_stats_item d on d.generation = t.generation and d.linked_task_position = t.position
             where t.generation = ? and t.position = any(?) and d.kind = 'drift' and d.host_id <> t.host_id
            union
            select\s""" + prefixed("d.") + """

              from change_stats_item t
              join host a on a.host_id = t.host_id
              join host m on m.cluster = a.cluster and m.host_id <> a.host_id
              join change_stats_item d on d.generation = t.generation and d.host_id = m.host_id and d.guest = t.guest
             where t.generation = ? and t.position = any(?) and d.kind = 'drift' and d.link_types is not null
               and d.occurred_at >= t.occurred_at and d.window_start < coalesce(t.ended_at, t.occurred_at)
            """;

    /** The cluster of each of the hosts that is in one, and of the other members of their clusters. */
    private static final String CLUSTERS = """
            select distinct m.host_id, m.cluster
              from host h
              join host m on m.cluster = h.cluster
             where h.host_id = any(?)
            """;

    private static final String RELINK = """
            update change_stats_item i
               set counted = u.counted, linked_task_position = u.task_position, linked_task_stream = u.task_stream
              from unnest(?::bigint[], ?::boolean[], ?::bigint[], ?::text[]) u(position, counted, task_position, task_stream)
             where i.generation = ? and i.position = u.position
            """;

    private static final String RETRACT = """
            update change_stats_item set counted = false
             where generation = ? and kind = 'manual' and stream = any(?) and counted
            returning\s""" + ITEM_COLUMNS;

    private static final String ADD_TO_DAYS = """
            insert into change_stats_day (generation, host_id, day, event_class, events)
            select ?, * from unnest(?::text[], ?::date[], ?::text[], ?::integer[])
            on conflict (generation, host_id, day, event_class)
            do update set events = change_stats_day.events + excluded.events
            """;

    private static final List<String> DELETE_GENERATION = List.of(
            "delete from change_stats_day where generation = ?",
            "delete from change_stats_item where generation = ?",
            "delete from change_stats_generation where generation = ?");

    /** The zone a generation counts its days in: recorded when the generation begins, never changed after. */
    ZoneId zoneOf(Connection connection, int generation, ZoneId configured) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(ZONE)) {
            read.setInt(1, generation);
            read.setString(2, configured.getId());
            read.setInt(3, generation);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return ZoneId.of(rs.getString(1));
            }
        }
    }

    /** Stored tasks and access-log calls of a host within any of the ranges. */
    Collection<StatsItem> nearby(Connection connection, int generation, List<AccessLinker.Range> ranges)
            throws SQLException {
        if (ranges.isEmpty()) {
            return List.of();
        }
        int size = ranges.size();
        String[] hosts = new String[size];
        String[] lows = new String[size];
        String[] highs = new String[size];
        for (int i = 0; i < size; i++) {
            AccessLinker.Range range = ranges.get(i);
            hosts[i] = range.hostId();
            lows[i] = range.low().toString();
            highs[i] = range.high().toString();
        }
        Map<Long, StatsItem> found = new LinkedHashMap<>();
        try (PreparedStatement read = connection.prepareStatement(NEARBY)) {
            read.setArray(1, connection.createArrayOf("text", hosts));
            read.setArray(2, connection.createArrayOf("text", lows));
            read.setArray(3, connection.createArrayOf("text", highs));
            read.setInt(4, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    StatsItem item = item(rs);
                    found.put(item.position(), item);
                }
            }
        }
        return found.values();
    }

    /**
     * For each drift, the stored change that explains it (same host and target, class change or disruptive, inside
     * its window; for a drift that shows a guest appear, also a migration of the guest that did not fail on another
     * member of the host's cluster, started inside its window), first in the store, by the drift's place in the list;
     * drifts no stored change explains are absent.
     */
    Map<Integer, StatsItem> explaining(Connection connection, int generation, List<StatsItem> drifts)
            throws SQLException {
        Map<Integer, StatsItem> found = new HashMap<>();
        if (drifts.isEmpty()) {
            return found;
        }
        explaining(connection, generation, drifts, EXPLAINING, StatsItem::target, found);
        List<StatsItem> appeared = drifts.stream().filter(StatsItem::appeared).toList();
        if (!appeared.isEmpty()) {
            explaining(connection, generation, drifts, MOVED_EXPLAINING, d -> d.appeared() ? d.guest() : null, found);
        }
        return found;
    }

    /**
     * Adds to {@code found} the explaining change a query finds for each drift, where it comes before the one found
     * so far; {@code key} gives the drift's target or guest for the query (a drift with null is left out).
     */
    private static void explaining(Connection connection, int generation, List<StatsItem> drifts, String query,
                                   Function<StatsItem, String> key, Map<Integer, StatsItem> found)
            throws SQLException {
        int size = drifts.size();
        String[][] columns = new String[4][size];
        for (int i = 0; i < size; i++) {
            StatsItem drift = drifts.get(i);
            String value = key.apply(drift);
            columns[0][i] = value == null ? null : drift.hostId();
            columns[1][i] = value;
            columns[2][i] = drift.windowStart().toString();
            columns[3][i] = drift.occurredAt().toString();
        }
        try (PreparedStatement read = connection.prepareStatement(query)) {
            for (int column = 0; column < columns.length; column++) {
                read.setArray(1 + column, connection.createArrayOf("text", columns[column]));
            }
            read.setInt(5, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1) - 1;
                    StatsItem before = found.get(index);
                    if (before == null || rs.getLong(2) < before.linkedTaskPosition()) {
                        found.put(index, drifts.get(index).explainedBy(rs.getLong(2), rs.getString(3)));
                    }
                }
            }
        }
    }

    /**
     * The stored drifts, not yet explained, of the targets of these changes, whose windows hold one of them; and,
     * for the migrations among them, the drifts that show their guest appear on another member of the cluster.
     */
    Collection<StatsItem> unexplainedDrifts(Connection connection, int generation, List<StatsItem> changes)
            throws SQLException {
        Map<Long, StatsItem> found = new LinkedHashMap<>();
        unexplained(connection, generation, changes, UNEXPLAINED_DRIFTS, StatsItem::target, false, found);
        List<StatsItem> migrations = changes.stream().filter(StatsItem::bringsGuest).toList();
        unexplained(connection, generation, migrations, UNEXPLAINED_APPEARED, StatsItem::guest, true, found);
        return found.values();
    }

    private static void unexplained(Connection connection, int generation, List<StatsItem> changes, String query,
                                    Function<StatsItem, String> key, boolean spans, Map<Long, StatsItem> found)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        int size = changes.size();
        String[][] columns = new String[spans ? 4 : 3][size];
        for (int i = 0; i < size; i++) {
            StatsItem change = changes.get(i);
            columns[0][i] = change.hostId();
            columns[1][i] = key.apply(change);
            columns[2][i] = change.occurredAt().toString();
            if (spans) {
                columns[3][i] = change.spanEnd().toString();
            }
        }
        try (PreparedStatement read = connection.prepareStatement(query)) {
            for (int column = 0; column < columns.length; column++) {
                read.setArray(1 + column, connection.createArrayOf("text", columns[column]));
            }
            read.setInt(1 + columns.length, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    StatsItem drift = item(rs);
                    found.put(drift.position(), drift);
                }
            }
        }
    }

    /**
     * Records the finishes of migration tasks and returns the drifts of other hosts they may explain or stop
     * explaining: those must be explained anew.
     */
    List<StatsItem> finish(Connection connection, int generation, List<MigrationFinish> finished) throws SQLException {
        if (finished.isEmpty()) {
            return List.of();
        }
        int size = finished.size();
        String[][] columns = new String[4][size];
        Boolean[] failed = new Boolean[size];
        for (int i = 0; i < size; i++) {
            MigrationFinish task = finished.get(i);
            columns[0][i] = task.hostId();
            columns[1][i] = task.stream();
            columns[2][i] = task.started().toString();
            columns[3][i] = task.ended().toString();
            failed[i] = task.failed();
        }
        List<Long> positions = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(FINISH)) {
            for (int column = 0; column < columns.length; column++) {
                update.setArray(1 + column, connection.createArrayOf("text", columns[column]));
            }
            update.setArray(5, connection.createArrayOf("boolean", failed));
            update.setInt(6, generation);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    positions.add(rs.getLong(1));
                }
            }
        }
        if (positions.isEmpty()) {
            return List.of();
        }
        Map<Long, StatsItem> drifts = new LinkedHashMap<>();
        try (PreparedStatement read = connection.prepareStatement(TOUCHED)) {
            Array tasks = connection.createArrayOf("bigint", positions.toArray(Long[]::new));
            read.setInt(1, generation);
            read.setArray(2, tasks);
            read.setInt(3, generation);
            read.setArray(4, tasks);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    StatsItem drift = item(rs);
                    drifts.put(drift.position(), drift);
                }
            }
        }
        return new ArrayList<>(drifts.values());
    }

    /** The cluster of each of these hosts that is in one, and of the other members of their clusters. */
    Map<String, String> clusters(Connection connection, Collection<String> hostIds) throws SQLException {
        Map<String, String> clusters = new HashMap<>();
        if (hostIds.isEmpty()) {
            return clusters;
        }
        try (PreparedStatement read = connection.prepareStatement(CLUSTERS)) {
            read.setArray(1, connection.createArrayOf("text", hostIds.toArray(String[]::new)));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    clusters.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return clusters;
    }

    /** Stores new items. */
    void insert(Connection connection, int generation, List<StatsItem> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        int size = items.size();
        Long[] positions = new Long[size];
        String[][] texts = new String[7][size];
        Boolean[] counted = new Boolean[size];
        Long[] taskPositions = new Long[size];
        String[] taskStreams = new String[size];
        String[] linkTypes = new String[size];
        String[] targets = new String[size];
        String[] windowStarts = new String[size];
        Boolean[] security = new Boolean[size];
        Boolean[] failed = new Boolean[size];
        String[] ended = new String[size];
        for (int i = 0; i < size; i++) {
            StatsItem item = items.get(i);
            ended[i] = item.endedAt() == null ? null : item.endedAt().toString();
            targets[i] = item.target();
            windowStarts[i] = item.windowStart() == null ? null : item.windowStart().toString();
            security[i] = item.security();
            failed[i] = item.failed();
            linkTypes[i] = item.linkTypes().isEmpty() ? null : String.join(" ", item.linkTypes());
            positions[i] = item.position();
            texts[0][i] = item.eventId().toString();
            texts[1][i] = item.hostId();
            texts[2][i] = item.kind().column();
            texts[3][i] = item.stream();
            texts[4][i] = item.guest();
            texts[5][i] = item.eventClass();
            texts[6][i] = item.occurredAt().toString();
            counted[i] = item.counted();
            taskPositions[i] = item.linkedTaskPosition();
            taskStreams[i] = item.linkedTaskStream();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setInt(1, generation);
            insert.setArray(2, connection.createArrayOf("bigint", positions));
            for (int column = 0; column < texts.length; column++) {
                insert.setArray(3 + column, connection.createArrayOf("text", texts[column]));
            }
            insert.setArray(10, connection.createArrayOf("boolean", counted));
            insert.setArray(11, connection.createArrayOf("bigint", taskPositions));
            insert.setArray(12, connection.createArrayOf("text", taskStreams));
            insert.setArray(13, connection.createArrayOf("text", linkTypes));
            insert.setArray(14, connection.createArrayOf("text", targets));
            insert.setArray(15, connection.createArrayOf("text", windowStarts));
            insert.setArray(16, connection.createArrayOf("boolean", security));
            insert.setArray(17, connection.createArrayOf("boolean", failed));
            insert.setArray(18, connection.createArrayOf("text", ended));
            insert.executeUpdate();
        }
    }

    /** Stores the new links (and so whether they count) of access-log changes. */
    void relink(Connection connection, int generation, List<StatsItem> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        int size = changes.size();
        Long[] positions = new Long[size];
        Boolean[] counted = new Boolean[size];
        Long[] taskPositions = new Long[size];
        String[] taskStreams = new String[size];
        for (int i = 0; i < size; i++) {
            StatsItem change = changes.get(i);
            positions[i] = change.position();
            counted[i] = change.counted();
            taskPositions[i] = change.linkedTaskPosition();
            taskStreams[i] = change.linkedTaskStream();
        }
        try (PreparedStatement update = connection.prepareStatement(RELINK)) {
            update.setArray(1, connection.createArrayOf("bigint", positions));
            update.setArray(2, connection.createArrayOf("boolean", counted));
            update.setArray(3, connection.createArrayOf("bigint", taskPositions));
            update.setArray(4, connection.createArrayOf("text", taskStreams));
            update.setInt(5, generation);
            update.executeUpdate();
        }
    }

    /** Stops counting the manual entries of these streams; returns those that counted until now. */
    List<StatsItem> retract(Connection connection, int generation, List<String> streams) throws SQLException {
        if (streams.isEmpty()) {
            return List.of();
        }
        List<StatsItem> retracted = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(RETRACT)) {
            update.setInt(1, generation);
            update.setArray(2, connection.createArrayOf("text", streams.toArray(String[]::new)));
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    retracted.add(item(rs));
                }
            }
        }
        return retracted;
    }

    /** Adds (or, negative, takes) counts to the rollup's days. */
    void addToDays(Connection connection, int generation, Map<DayKey, Integer> deltas) throws SQLException {
        List<Map.Entry<DayKey, Integer>> changed = deltas.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (changed.isEmpty()) {
            return;
        }
        int size = changed.size();
        String[] hosts = new String[size];
        String[] days = new String[size];
        String[] classes = new String[size];
        Integer[] events = new Integer[size];
        for (int i = 0; i < size; i++) {
            DayKey key = changed.get(i).getKey();
            hosts[i] = key.hostId();
            days[i] = key.day().toString();
            classes[i] = key.eventClass();
            events[i] = changed.get(i).getValue();
        }
        try (PreparedStatement upsert = connection.prepareStatement(ADD_TO_DAYS)) {
            upsert.setInt(1, generation);
            upsert.setArray(2, connection.createArrayOf("text", hosts));
            upsert.setArray(3, connection.createArrayOf("text", days));
            upsert.setArray(4, connection.createArrayOf("text", classes));
            upsert.setArray(5, connection.createArrayOf("integer", events));
            upsert.executeUpdate();
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

    static StatsItem item(ResultSet rs) throws SQLException {
        long taskPosition = rs.getLong(10);
        Long linked = rs.wasNull() ? null : taskPosition;
        String linkTypes = rs.getString(12);
        return new StatsItem(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                StatsItem.Kind.ofColumn(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getTimestamp(8).toInstant(), rs.getBoolean(9), linked, rs.getString(11),
                linkTypes == null ? List.of() : List.of(linkTypes.split(" ")), rs.getString(13),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant(), rs.getBoolean(15),
                rs.getBoolean(16), rs.getTimestamp(17) == null ? null : rs.getTimestamp(17).toInstant());
    }

    private static String prefixed(String alias) {
        return alias + ITEM_COLUMNS.replace(", ", ", " + alias).replace(",\n", ",\n" + alias);
    }

    /**
     * The finish of a migration task.
     *
     * @param hostId  the task's host
     * @param stream  the task's stream
     * @param started when it started (its item's time)
     * @param ended   when it ended
     * @param failed  whether its status is a failure
     */
    record MigrationFinish(String hostId, String stream, Instant started, Instant ended, boolean failed) {
    }

    /**
     * A cell of the rollup.
     *
     * @param hostId     the host
     * @param day        the local day in the generation's zone
     * @param eventClass the class
     */
    record DayKey(String hostId, LocalDate day, String eventClass) {
    }
}
