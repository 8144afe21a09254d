package changeledger.processing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Transactions on a plain DataSource. Each thread keeps its own connection until it calls
 * {@link #release()} (a processor's worker reads batch after batch without reconnecting); a
 * connection that fails is replaced.
 */
public final class PlainTransactions implements Transactions {

    private final DataSource dataSource;
    private final Map<Thread, Connection> connections = new ConcurrentHashMap<>();

    /** Uses connections of this DataSource. */
    public PlainTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T inTransaction(Work<T> work) throws Exception {
        Connection connection = connection();
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (Exception | Error e) {
            rollbackOrDiscard(connection);
            throw e;
        }
    }

    @Override
    public void release() {
        Connection connection = connections.remove(Thread.currentThread());
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = connections.get(Thread.currentThread());
        if (connection == null || connection.isClosed()) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connections.put(Thread.currentThread(), connection);
        }
        return connection;
    }

    private void rollbackOrDiscard(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            connections.remove(Thread.currentThread());
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is broken already
        }
    }
}
