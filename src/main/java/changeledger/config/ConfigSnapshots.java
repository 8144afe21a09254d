package changeledger.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** The latest snapshot of each target of a host and source (table {@code config_snapshot}), in the caller's transaction. */
@ApplicationScoped
public class ConfigSnapshots {

    /**
     * The stored snapshots of a host and source.
     *
     * @param takenAt the time of the latest snapshot of the source, null before the first
     * @param targets entries by target
     */
    public record Stored(Instant takenAt, Map<String, Map<String, String>> targets) {
    }

    private static final TypeReference<TreeMap<String, String>> ENTRIES = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    /** Wires the table. */
    public ConfigSnapshots(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** Serializes the snapshots of one host (a transaction-scoped advisory lock) and reads them. */
    public Stored lockAndRead(String hostId, String source) {
        Map<String, Map<String, String>> targets = new TreeMap<>();
        Instant takenAt = null;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select pg_advisory_xact_lock(hashtext('config-snapshot/' || ?))")) {
                lock.setString(1, hostId);
                lock.execute();
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "select target, taken_at, entries from config_snapshot where host_id = ? and source = ?")) {
                read.setString(1, hostId);
                read.setString(2, source);
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        Instant at = rows.getObject(2, OffsetDateTime.class).toInstant();
                        takenAt = takenAt == null || at.isAfter(takenAt) ? at : takenAt;
                        targets.put(rows.getString(1), mapper.readValue(rows.getString(3), ENTRIES));
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Reading the configuration snapshots of host " + hostId + " failed", e);
        }
        return new Stored(takenAt, targets);
    }

    /** Stores the new entries of changed targets, drops gone ones, and moves every target's time to {@code at}. */
    public void write(String hostId, String source, Instant at, Map<String, Map<String, String>> changed,
                      Iterable<String> gone) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("""
                     insert into config_snapshot (host_id, source, target, taken_at, entries)
                     values (?, ?, ?, ?, ?::jsonb)
                     on conflict (host_id, source, target) do update
                         set taken_at = excluded.taken_at, entries = excluded.entries""");
             PreparedStatement delete = connection.prepareStatement(
                     "delete from config_snapshot where host_id = ? and source = ? and target = ?");
             PreparedStatement touch = connection.prepareStatement(
                     "update config_snapshot set taken_at = ? where host_id = ? and source = ?")) {
            touch.setObject(1, time);
            touch.setString(2, hostId);
            touch.setString(3, source);
            touch.executeUpdate();
            for (Map.Entry<String, Map<String, String>> target : changed.entrySet()) {
                upsert.setString(1, hostId);
                upsert.setString(2, source);
                upsert.setString(3, target.getKey());
                upsert.setObject(4, time);
                upsert.setString(5, mapper.writeValueAsString(target.getValue()));
                upsert.addBatch();
            }
            upsert.executeBatch();
            for (String target : gone) {
                delete.setString(1, hostId);
                delete.setString(2, source);
                delete.setString(3, target);
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Storing the configuration snapshots of host " + hostId + " failed", e);
        }
    }
}
