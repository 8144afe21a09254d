package changeledger.projection;

import changeledger.database.Reads;
import changeledger.processing.ActiveGeneration;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All SQL of guest identity: sightings written by {@link GuestProjection}, a host's sightings read for its guests. */
@ApplicationScoped
public class GuestRepository {

    private static final String INSERT = """
            insert into guest_sighting (generation, position, host_id, guest, kind, at, name, created)
            select ?, * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                                    ?::timestamptz[])
            on conflict do nothing
            """;

    /**
     * The sightings of the guests of some hosts and of the other members of their clusters (a guest's history follows
     * it to another node, ADR 0065; VMIDs are cluster-wide) that were named at least once on one of them: a guest no
     * snapshot ever named has no name to show, however many tasks created or destroyed it.
     */
    private static final String OF_HOSTS = """
            with hosts as (
                select unnest(?::text[]) as host_id
                union
                select p.host_id from host h join host p on p.cluster = h.cluster where h.host_id = any(?::text[])),
            named as (
                select distinct n.generation, n.guest from guest_sighting n
                 where n.generation =\s""" + ActiveGeneration.BY_NAME + """

                   and n.name is not null and n.host_id in (select host_id from hosts)
                   and (?::text[] is null or n.guest = any(?::text[])))
            select s.position, s.host_id, s.guest, s.kind, s.at, s.name, s.created
              from named join guest_sighting s on s.generation = named.generation and s.guest = named.guest
             where s.host_id in (select host_id from hosts)
             order by s.host_id, s.guest, s.at, s.position
            """;

    private static final String CLUSTERS = "select host_id, cluster from host where cluster is not null"
            + " and host_id = any(?)";

    private final AgroalDataSource dataSource;

    /** Reads through the default datasource; writes join the processor's batch transaction. */
    public GuestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(Connection connection, int generation, List<GuestSighting> sightings) throws SQLException {
        if (sightings.isEmpty()) {
            return;
        }
        int size = sightings.size();
        Long[] positions = new Long[size];
        String[][] texts = new String[6][size];
        for (int i = 0; i < size; i++) {
            GuestSighting sighting = sightings.get(i);
            positions[i] = sighting.position();
            texts[0][i] = sighting.hostId();
            texts[1][i] = sighting.guest();
            texts[2][i] = sighting.kind().column();
            texts[3][i] = sighting.at().toString();
            texts[4][i] = sighting.name();
            texts[5][i] = sighting.created() == null ? null : sighting.created().toString();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setInt(1, generation);
            insert.setArray(2, connection.createArrayOf("bigint", positions));
            for (int column = 0; column < texts.length; column++) {
                insert.setArray(3 + column, connection.createArrayOf("text", texts[column]));
            }
            insert.executeUpdate();
        }
    }

    void deleteGeneration(Connection connection, int generation) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from guest_sighting where generation = ?")) {
            delete.setInt(1, generation);
            delete.executeUpdate();
        }
    }

    /**
     * Every sighting of the hosts' guests that were ever named, with those of the other members of their clusters, by
     * host, guest, time and position; only of the listed guests unless {@code guests} is null.
     */
    public List<GuestSighting> of(Collection<String> hostIds, Collection<String> guests) {
        if (hostIds.isEmpty() || (guests != null && guests.isEmpty())) {
            return List.of();
        }
        return Reads.list(dataSource, OF_HOSTS, (connection, read) -> {
            java.sql.Array hosts = connection.createArrayOf("text", hostIds.toArray(String[]::new));
            read.setArray(1, hosts);
            read.setArray(2, hosts);
            read.setString(3, GuestProjection.NAME);
            java.sql.Array listed = guests == null ? null : connection.createArrayOf("text", guests.toArray(String[]::new));
            read.setArray(4, listed);
            read.setArray(5, listed);
        }, rs -> {
            Timestamp created = rs.getTimestamp(7);
            return new GuestSighting(rs.getLong(1), rs.getString(2), rs.getString(3),
                    GuestSighting.Kind.ofColumn(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getString(6),
                    created == null ? null : created.toInstant());
        }, "the guests");
    }

    /** The cluster of each of the hosts that is in one. */
    public Map<String, String> clusters(Collection<String> hostIds) {
        Map<String, String> clusters = new HashMap<>();
        if (hostIds.isEmpty()) {
            return clusters;
        }
        Reads.list(dataSource, CLUSTERS, (connection, read) -> read.setArray(1,
                connection.createArrayOf("text", hostIds.toArray(String[]::new))),
                rs -> new String[] {rs.getString(1), rs.getString(2)}, "the hosts' clusters")
                .forEach(row -> clusters.put(row[0], row[1]));
        return clusters;
    }
}
