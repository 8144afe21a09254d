package changeledger.database;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One row found by a text key with one plain prepared statement: how lookups that nearly every request makes (its
 * API key, its host) read their row, without an entity session (ADRs 0023, 0024). The connection joins the caller's
 * transaction when one is active, else it runs in auto-commit.
 */
public final class RowByKey {

    /** Builds a value from the current row. */
    @FunctionalInterface
    public interface Reader<T> {

        /** The value of the row the result set is on. */
        T read(ResultSet row) throws SQLException, IOException;
    }

    private RowByKey() {
    }

    /**
     * The value of the first row {@code sql} finds for {@code key} (its only parameter), or empty.
     *
     * @param what names what is read, for the error when the database cannot answer
     */
    public static <T> Optional<T> find(DataSource dataSource, String sql, String key, String what, Reader<T> reader) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(sql)) {
            read.setString(1, key);
            try (ResultSet rs = read.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot read " + what, e);
        }
    }
}
