package changeledger.api;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure caused by the database being unreachable or dropping the connection (a restart, a
 * failover, an idle cut): SQL state class 08, {@code 57P01}-{@code 57P03} (administrator or crash shutdown,
 * cannot connect now), {@code 53300} (too many connections), the driver's connection exceptions, and the pool
 * timing out while it waits for a connection. These are answered 503 with {@code Retry-After}, never 500. A connection
 * lost while the transaction commits leaves its outcome unknown to the service: PostgreSQL may have committed it
 * before the connection broke ({@link #lostWhileCommitting}).
 */
public final class DatabaseFaults {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseFaults() {
    }

    /** Whether {@code failure} or one of its causes says the database connection was lost or unavailable. */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState())
                    || String.valueOf(sql.getMessage()).contains("acquisition timeout"))) {
                return true;
            }
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed != t && connectionLost(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the connection was lost at the commit of a transaction ({@code failure} or one of its causes is the
     * transaction manager's {@code RollbackException} or a heuristic outcome, next to the lost connection): the
     * database may have committed it, so the request took effect in whole or not at all, and which is unknown.
     */
    public static boolean lostWhileCommitting(Throwable failure) {
        return connectionLost(failure) && commitFailed(failure);
    }

    private static boolean commitFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RollbackException || t instanceof HeuristicMixedException
                    || t instanceof HeuristicRollbackException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed != t && commitFailed(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }
}
