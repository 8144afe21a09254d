package changeledger.projection;

import changeledger.database.Reads;
import changeledger.domain.EventClass;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The reads of the change statistics for the API, the report and change requests: counts by day and class, the changes
 * that count, drifts and access links ({@link ChangeStatsWriter} writes them).
 */
@ApplicationScoped
public class ChangeStatsReader {

    private static final Logger LOG = Logger.getLogger(ChangeStatsReader.class);

    /**
     * In one statement (one snapshot): the zone of the generation readers see, its rollup over whole days, and
     * per-event counts of up to two partial days. Part 0 is the zone, 1 a day of the rollup, 2 and 3 the partial days.
     */
    private static final String COUNTS = """
            with active as (
                select g.generation, g.time_zone
                  from change_stats_generation g
                 where g.generation =\s""" + ActiveGeneration.BY_NAME + """
            )
            select 0, null::date, a.time_zone, 0::bigint from active a
            union all
            select 1, d.day, d.event_class, d.events::bigint
              from active a join change_stats_day d on d.generation = a.generation
             where d.host_id = ? and d.day >= ? and d.day < ?
            union all
            select 2, null, i.event_class, count(*)
              from active a join change_stats_item i on i.generation = a.generation
             where i.host_id = ? and i.counted and i.occurred_at >= ? and i.occurred_at < ?
             group by i.event_class
            union all
            select 3, null, i.event_class, count(*)
              from active a join change_stats_item i on i.generation = a.generation
             where i.host_id = ? and i.counted and i.occurred_at >= ? and i.occurred_at < ?
             group by i.event_class
            """;

    /** Counted items of a range, for a generation whose days are in another zone than the one asked for. */
    private static final String COUNTED_ITEMS = """
            select i.occurred_at, i.event_class from change_stats_item i
             where i.generation = """ + ActiveGeneration.BY_NAME + """

               and i.host_id = ? and i.counted and i.occurred_at >= ? and i.occurred_at < ?
            """;

    /** The classes the monthly budget counts. */
    private static final String BUDGET_CLASSES = EventClass.sqlList(EventClass.CHANGES);

    private static final String COUNTED_CHANGES = """
            select i.position, i.event_id, i.guest, i.event_class, i.occurred_at, i.target, i.window_start, i.security
              from change_stats_item i
             where i.generation = """ + ActiveGeneration.BY_NAME + """

               and i.host_id = ? and i.counted and i.occurred_at >= ? and i.occurred_at < ?
               and i.event_class in\s""" + BUDGET_CLASSES + """

             order by i.occurred_at, i.position
            """;

    private static final String LAST_COUNTED_CHANGE = """
            select max(i.occurred_at) from change_stats_item i
             where i.generation = """ + ActiveGeneration.BY_NAME + """

               and i.host_id = ? and i.counted and i.occurred_at < ?
               and i.event_class in\s""" + BUDGET_CLASSES + """

            """;

    /** The counted drifts of a host whose window overlaps a range (drifts are few: the partial index holds them). */
    private static final String COUNTED_DRIFTS = """
            select i.position from change_stats_item i
             where i.generation = """ + ActiveGeneration.BY_NAME + """

               and i.kind = 'drift' and i.host_id = ? and i.counted and i.window_start < ? and i.occurred_at >= ?
             order by i.position
            """;

    /** The drifts of a host that these changes explain (linked to them), by change. */
    private static final String EXPLAINED_DRIFTS = """
            select i.linked_task_position, i.event_id from change_stats_item i
             where i.generation = """ + ActiveGeneration.BY_NAME + """

               and i.kind = 'drift' and i.host_id = ? and i.linked_task_position = any(?)
             order by i.position
            """;

    private static final String ACCESS_LINKS = """
            select a.event_id, a.position, a.guest, a.occurred_at, t.event_id, t.position, t.stream, t.occurred_at
              from change_stats_item a
              left join change_stats_item t on t.generation = a.generation and t.position = a.linked_task_position
             where a.generation = """ + ActiveGeneration.BY_NAME + """

               and a.host_id = ? and a.kind = 'access' and a.occurred_at >= ? and a.occurred_at < ?
             order by a.occurred_at, a.position
            """;

    private static final String WHAT = "the change statistics";

    private final AgroalDataSource dataSource;
    private volatile String warnedOf;

    /** Reads through the default datasource. */
    public ChangeStatsReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The counts of a host in {@code [from, to)} per local day of {@code zone} (days with nothing counted are
     * absent). Whole days come from the rollup, partial days from per-event rows; when the generation readers see
     * counts its days in another zone (the configuration changed and no replay has rebuilt it yet), everything is
     * counted from per-event rows, correct but slower.
     */
    public Map<LocalDate, ChangeCounts> dailyCounts(String hostId, Instant from, Instant to, ZoneId zone) {
        DayRange range = DayRange.of(from, to, zone);
        List<DayRange.Slice> partial = range.partialDays();
        Map<LocalDate, ChangeCounts> days = new HashMap<>();
        String generationZone = null;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(COUNTS)) {
            int i = 1;
            read.setString(i++, ChangeStatsProjection.NAME);
            read.setString(i++, hostId);
            read.setObject(i++, range.firstFullDay());
            read.setObject(i++, range.endFullDay());
            for (int edge = 0; edge < 2; edge++) {
                Optional<DayRange.Slice> slice = edge < partial.size() ? Optional.of(partial.get(edge)) : Optional.empty();
                read.setString(i++, hostId);
                read.setTimestamp(i++, Timestamp.from(slice.map(DayRange.Slice::from).orElse(from)));
                read.setTimestamp(i++, Timestamp.from(slice.map(DayRange.Slice::to).orElse(from)));
            }
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    int part = rs.getInt(1);
                    if (part == 0) {
                        generationZone = rs.getString(3);
                        continue;
                    }
                    LocalDate day = part == 1 ? rs.getObject(2, LocalDate.class) : partial.get(part - 2).day();
                    days.merge(day, ChangeCounts.ZERO.plus(rs.getString(3), rs.getLong(4)), ChangeCounts::plus);
                }
            }
            if (generationZone == null || generationZone.equals(zone.getId())) {
                return days;
            }
            return countedItems(connection, hostId, from, to, zone, generationZone);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the change statistics failed", e);
        }
    }

    private Map<LocalDate, ChangeCounts> countedItems(Connection connection, String hostId, Instant from, Instant to,
                                                      ZoneId zone, String generationZone) throws SQLException {
        warnOfZone(generationZone, zone);
        Map<LocalDate, Map<String, Long>> counts = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(COUNTED_ITEMS)) {
            read.setString(1, ChangeStatsProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(from));
            read.setTimestamp(4, Timestamp.from(to));
            read.setFetchSize(10_000);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getTimestamp(1).toInstant().atZone(zone).toLocalDate();
                    counts.computeIfAbsent(day, d -> new HashMap<>()).merge(rs.getString(2), 1L, Long::sum);
                }
            }
        }
        Map<LocalDate, ChangeCounts> days = new HashMap<>();
        counts.forEach((day, byClass) -> {
            ChangeCounts sum = ChangeCounts.ZERO;
            for (Map.Entry<String, Long> entry : byClass.entrySet()) {
                sum = sum.plus(entry.getKey(), entry.getValue());
            }
            days.put(day, sum);
        });
        return days;
    }

    private void warnOfZone(String generationZone, ZoneId zone) {
        String pair = generationZone + " " + zone.getId();
        if (!pair.equals(warnedOf)) {
            warnedOf = pair;
            LOG.warnf("The change statistics count days in %s, the service's time zone is %s: stats are counted from "
                    + "per-event rows (slower) until a replay rebuilds them (POST /api/v1/admin/processors/%s/replay)",
                    generationZone, zone.getId(), ChangeStatsProjection.NAME);
        }
    }

    /** The changes of class change, disruptive and manual that count, of a host in {@code [from, to)}, in time order. */
    public List<CountedChange> countedChanges(String hostId, Instant from, Instant to) {
        return Reads.list(dataSource, COUNTED_CHANGES, (connection, read) -> {
            read.setString(1, ChangeStatsProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(from));
            read.setTimestamp(4, Timestamp.from(to));
            read.setFetchSize(10_000);
        }, rs -> {
            Timestamp windowStart = rs.getTimestamp(7);
            return new CountedChange(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                    rs.getTimestamp(5).toInstant(), rs.getString(6), windowStart == null ? null : windowStart.toInstant(),
                    rs.getBoolean(8));
        }, WHAT);
    }

    /**
     * The positions of the host's drifts that count (no task or call explains them) and that may have happened in
     * {@code [from, to)}: their window {@code (windowStart, windowEnd]} overlaps it.
     */
    public long[] countedDrifts(String hostId, Instant from, Instant to) {
        return Reads.list(dataSource, COUNTED_DRIFTS, (connection, read) -> {
            read.setString(1, ChangeStatsProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(to));
            read.setTimestamp(4, Timestamp.from(from));
        }, rs -> rs.getLong(1), WHAT).stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The configuration drifts that the host's changes at these positions explain (their evidence, not counted again),
     * by the change's position; changes no drift is linked to are absent.
     */
    public Map<Long, List<UUID>> explainedDrifts(String hostId, long[] positions) {
        if (positions.length == 0) {
            return Map.of();
        }
        Map<Long, List<UUID>> drifts = new HashMap<>();
        Reads.list(dataSource, EXPLAINED_DRIFTS, (connection, read) -> {
            read.setString(1, ChangeStatsProjection.NAME);
            read.setString(2, hostId);
            read.setArray(3, connection.createArrayOf("bigint", Arrays.stream(positions).boxed().toArray(Long[]::new)));
        }, rs -> drifts.computeIfAbsent(rs.getLong(1), p -> new ArrayList<>()).add(rs.getObject(2, UUID.class)), WHAT);
        return drifts;
    }

    /** When the host's last counted change of class change, disruptive or manual happened before {@code before}. */
    public Optional<Instant> lastCountedChange(String hostId, Instant before) {
        return Reads.list(dataSource, LAST_COUNTED_CHANGE, (connection, read) -> {
            read.setString(1, ChangeStatsProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(before));
        }, rs -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant), WHAT).get(0);
    }

    /**
     * The access-log changes of a host in {@code [from, to)}, each with the task it is linked to (then it does not
     * count) or none (then it counts as a change), in time order.
     */
    public List<AccessChangeLink> accessLinks(String hostId, Instant from, Instant to) {
        return Reads.list(dataSource, ACCESS_LINKS, (connection, read) -> {
            read.setString(1, ChangeStatsProjection.NAME);
            read.setString(2, hostId);
            read.setTimestamp(3, Timestamp.from(from));
            read.setTimestamp(4, Timestamp.from(to));
        }, rs -> {
            AccessChangeLink.LinkedTask task = rs.getObject(5) == null ? null
                    : new AccessChangeLink.LinkedTask(rs.getObject(5, UUID.class), rs.getLong(6), rs.getString(7),
                    rs.getTimestamp(8).toInstant());
            return new AccessChangeLink(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                    rs.getTimestamp(4).toInstant(), task);
        }, "the access links");
    }
}
