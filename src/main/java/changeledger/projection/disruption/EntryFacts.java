package changeledger.projection.disruption;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The stored facts of manual entries ({@code retire}, key {@code entry:<entryId>}) among the task facts: found by key
 * when an entry is retracted, and deleted.
 */
final class EntryFacts {

    /**
     * Entries' facts by key (a retraction names the entry, not its guest or time): a primary-key probe per key,
     * lateral with {@code offset 0} so that no plan joins the keys to the whole table (ADR 0020).
     */
    static final String ENTRY_FACTS = """
            select a.host_id, t.upid, t.target, t.start_time
              from unnest(?::text[], ?::text[]) as a(host_id, upid)
              cross join lateral (
                  select t.upid, t.target, t.start_time
                    from disruption_task t
                   where t.generation = ? and t.host_id = a.host_id and t.upid = a.upid
                  offset 0) t
            """;

    private static final String DELETE_FACTS = """
            delete from disruption_task t
             using unnest(?::text[], ?::text[]) as a(host_id, upid)
             where t.generation = ? and t.host_id = a.host_id and t.upid = a.upid
            """;

    private EntryFacts() {
    }

    /**
     * The stored facts of entries ({@code retire}) among {@code keys} ({@code entry:<entryId>}), host by host, as
     * {@link DisruptionTask#retire} facts; keys without a fact are left out.
     */
    static List<DisruptionTask> read(Connection connection, int generation, List<String> hostIds, List<String> keys)
            throws SQLException {
        List<DisruptionTask> facts = new ArrayList<>();
        if (keys.isEmpty()) {
            return facts;
        }
        try (PreparedStatement read = connection.prepareStatement(ENTRY_FACTS)) {
            read.setArray(1, connection.createArrayOf("text", hostIds.toArray()));
            read.setArray(2, connection.createArrayOf("text", keys.toArray()));
            read.setInt(3, generation);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String entryId = rs.getString(2).substring(DisruptionTask.ENTRY_PREFIX.length());
                    facts.add(DisruptionTask.retire(rs.getString(1), entryId, rs.getString(3), DisruptionRepository.instant(rs, 4)));
                }
            }
        }
        return facts;
    }

    /** Deletes facts by host and key. */
    static void delete(Connection connection, int generation, Collection<DisruptionTask> facts) throws SQLException {
        if (facts.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE_FACTS)) {
            delete.setArray(1, connection.createArrayOf("text", facts.stream().map(DisruptionTask::hostId).toArray()));
            delete.setArray(2, connection.createArrayOf("text", facts.stream().map(DisruptionTask::upid).toArray()));
            delete.setInt(3, generation);
            delete.executeUpdate();
        }
    }
}
