package changeledger.ingestion;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The stored {@link JournalTail} of each host, read and written in the upload's transaction. Reading it locks the
 * host's row, so two uploads of one host's journal are read one after the other, each from where the other left it.
 */
@ApplicationScoped
public class JournalTails {

    private static final String CLAIM = """
            insert into journal_tail (host_id, boot_id, last_line_at, shutdown_reached, journal_stopped)
            values (?, null, null, false, false)
            on conflict (host_id) do nothing
            """;
    private static final String READ = """
            select boot_id, last_line_at, shutdown_reached, journal_stopped
              from journal_tail where host_id = ? for update
            """;
    private static final String WRITE = """
            update journal_tail
               set boot_id = ?, last_line_at = ?, shutdown_reached = ?, journal_stopped = ?, updated_at = now()
             where host_id = ?
            """;

    private final AgroalDataSource dataSource;

    /** Wires the store. */
    public JournalTails(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The host's tail, its row locked until the transaction ends; {@link JournalTail#NONE} before the first upload. */
    public JournalTail lock(String hostId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, hostId);
                claim.executeUpdate();
            }
            try (PreparedStatement read = connection.prepareStatement(READ)) {
                read.setString(1, hostId);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    Timestamp last = rs.getTimestamp(2);
                    return last == null ? JournalTail.NONE : new JournalTail(rs.getString(1), last.toInstant(),
                            rs.getBoolean(3), rs.getBoolean(4));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading where the journal of host " + hostId + " stood failed", e);
        }
    }

    /** Stores where the host's journal stands now. */
    public void save(String hostId, JournalTail tail) {
        if (tail.lastLineAt() == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement write = connection.prepareStatement(WRITE)) {
            write.setString(1, tail.bootId());
            write.setTimestamp(2, Timestamp.from(tail.lastLineAt()));
            write.setBoolean(3, tail.shutdownReached());
            write.setBoolean(4, tail.journalStopped());
            write.setString(5, hostId);
            write.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing where the journal of host " + hostId + " stands failed", e);
        }
    }
}
