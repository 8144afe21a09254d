package changeledger.changerequest;

import changeledger.database.Reads;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** All SQL of the change request index: rows written by {@link ChangeRequestProjection}, read by lists and coverage. */
@ApplicationScoped
public class ChangeRequestRepository {

    private static final String WHAT = "the change request index";

    private static final String UPSERT = """
            insert into change_request_index (generation, change_request_id, host_id, target, title, status,
                                              planned_start, planned_end, self_approved, retroactive, submitted_at,
                                              last_position)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (generation, change_request_id) do update
               set host_id = excluded.host_id, target = excluded.target, title = excluded.title,
                   status = excluded.status, planned_start = excluded.planned_start,
                   planned_end = excluded.planned_end, self_approved = excluded.self_approved,
                   retroactive = excluded.retroactive, submitted_at = excluded.submitted_at,
                   last_position = excluded.last_position
            """;

    private static final String DELETE_GENERATION = "delete from change_request_index where generation = ?";

    /** Readers see the generation the processor's token names; a null parameter is no filter. */
    private static final String LIST = """
            select change_request_id from change_request_index
             where generation = """ + ActiveGeneration.BY_NAME + """

               and (?::text is null or host_id = ?)
               and (?::text[] is null or host_id = any(?::text[]))
               and (?::text is null or status = ?)
               and (?::timestamptz is null or planned_end > ?)
               and (?::timestamptz is null or planned_start < ?)
             order by planned_start, change_request_id
            """;

    private static final String COVERING = """
            select change_request_id, host_id, target, title, status, planned_start, planned_end, self_approved,
                   retroactive
              from change_request_index
             where generation = """ + ActiveGeneration.BY_NAME + """

               and host_id = ? and status = any(?::text[]) and planned_start <= ? and planned_end >= ?
             order by planned_start, change_request_id
            """;

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource; writes join the processor's batch transaction. */
    public ChangeRequestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the current state of requests into a generation. */
    void upsert(Connection connection, int generation, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Row row : rows) {
                ChangeRequest request = row.request();
                upsert.setInt(1, generation);
                upsert.setString(2, request.id());
                upsert.setString(3, request.hostId());
                upsert.setString(4, request.target());
                upsert.setString(5, request.title());
                upsert.setString(6, request.status().wireName());
                upsert.setObject(7, timestamp(request.plannedStart()));
                upsert.setObject(8, timestamp(request.plannedEnd()));
                upsert.setBoolean(9, request.selfApproved());
                upsert.setBoolean(10, request.retroactive());
                upsert.setObject(11, timestamp(request.submittedAt()));
                upsert.setLong(12, row.lastPosition());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Drops every row of a generation. */
    void deleteGeneration(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_GENERATION)) {
            delete.setInt(1, generation);
            delete.executeUpdate();
        }
    }

    /** The ids of the indexed requests that match, by planned start. */
    public List<String> ids(ChangeRequestFilter filter) {
        return Reads.list(dataSource, LIST, (connection, read) -> {
            read.setString(1, ChangeRequestProjection.NAME);
            read.setString(2, filter.host());
            read.setString(3, filter.host());
            java.sql.Array hosts = filter.visibleHosts() == null ? null
                    : connection.createArrayOf("text", filter.visibleHosts().toArray());
            read.setArray(4, hosts);
            read.setArray(5, hosts);
            String status = filter.status() == null ? null : filter.status().wireName();
            read.setString(6, status);
            read.setString(7, status);
            read.setObject(8, timestamp(filter.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(9, timestamp(filter.from()), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(10, timestamp(filter.to()), Types.TIMESTAMP_WITH_TIMEZONE);
            read.setObject(11, timestamp(filter.to()), Types.TIMESTAMP_WITH_TIMEZONE);
        }, rs -> rs.getString(1), WHAT);
    }

    /**
     * The approved, in-progress and completed requests of a host whose planned window, widened by {@code grace},
     * meets {@code [from, to]}: every request that may cover a change of the host in that time.
     */
    public List<CoveringRequest> covering(String hostId, Instant from, Instant to, Duration grace) {
        String[] statuses = Arrays.stream(ChangeRequestStatus.values()).filter(ChangeRequestStatus::covers)
                .map(ChangeRequestStatus::wireName).toArray(String[]::new);
        return Reads.list(dataSource, COVERING, (connection, read) -> {
            read.setString(1, ChangeRequestProjection.NAME);
            read.setString(2, hostId);
            read.setArray(3, connection.createArrayOf("text", statuses));
            read.setObject(4, timestamp(to.plus(grace)));
            read.setObject(5, timestamp(from.minus(grace)));
        }, rs -> new CoveringRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                ChangeRequestStatus.fromWire(rs.getString(5)), rs.getObject(6, OffsetDateTime.class).toInstant(),
                rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getBoolean(8), rs.getBoolean(9)), WHAT);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The state of one request after the event at {@code lastPosition}. */
    record Row(ChangeRequest request, long lastPosition) {
    }
}
