package changeledger.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One read statement on a pooled connection: prepare, bind, map every row, and a failure rethrown the one way the
 * service maps (an {@link IllegalStateException} naming what was read, its cause the {@link SQLException}, so that a
 * lost database still answers 503).
 */
public final class Reads {

    /** Binds a statement's parameters (the connection makes arrays). */
    @FunctionalInterface
    public interface Binder {
        /** Binds. */
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** The row's value. */
        T map(ResultSet row) throws SQLException;
    }

    private Reads() {
    }

    /**
     * Every row of {@code sql} mapped, in the statement's order.
     *
     * @param what what is read, for the failure's message ("the change statistics")
     */
    public static <T> List<T> list(DataSource dataSource, String sql, Binder binder, RowMapper<T> mapper,
                                   String what) {
        return read(dataSource, sql, binder, mapper, Integer.MAX_VALUE, what);
    }

    /**
     * The first row of {@code sql} mapped, or empty when it has none; a mapper may return {@code null} for a row that
     * stands for nothing (an aggregate over no rows), which is empty too.
     *
     * @param what what is read, for the failure's message ("the event index")
     */
    public static <T> Optional<T> first(DataSource dataSource, String sql, Binder binder, RowMapper<T> mapper,
                                        String what) {
        List<T> rows = read(dataSource, sql, binder, mapper, 1, what);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static <T> List<T> read(DataSource dataSource, String sql, Binder binder, RowMapper<T> mapper, int most,
                                     String what) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(sql)) {
            binder.bind(connection, read);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = read.executeQuery()) {
                while (rows.size() < most && rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + what + " failed", e);
        }
    }
}
