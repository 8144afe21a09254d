package changeledger.processing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for append notifications on a dedicated connection and wakes the workers. A hint only:
 * after every (re)connect it wakes them for a full catch-up, and the workers poll anyway.
 */
final class NotificationListener implements Runnable {

    /** The channel the append trigger notifies (migration V2). */
    static final String CHANNEL = "changeledger_events";

    private static final Logger LOG = Logger.getLogger(NotificationListener.class);
    private static final int RECEIVE_TIMEOUT_MILLIS = 500;

    private final DataSource dataSource;
    private final Runnable wakeAll;
    private final Duration retryAfter;
    private final WakeSignal stopSignal = new WakeSignal();
    private volatile boolean running = true;

    NotificationListener(DataSource dataSource, Runnable wakeAll, Duration retryAfter) {
        this.dataSource = dataSource;
        this.wakeAll = wakeAll;
        this.retryAfter = retryAfter;
    }

    @Override
    public void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                wakeAll.run();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try {
                    while (running) {
                        PGNotification[] notifications = postgres.getNotifications(RECEIVE_TIMEOUT_MILLIS);
                        if (notifications != null && notifications.length > 0) {
                            wakeAll.run();
                        }
                    }
                } finally {
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Listening for appends failed; processors poll until it reconnects in %s: %s",
                            retryAfter, e.getMessage());
                    stopSignal.await(retryAfter);
                }
            }
        }
    }

    /** A pooled connection must not go back still subscribed (it would buffer notifications forever). */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("unlisten *");
        } catch (SQLException e) {
            LOG.debugf("unlisten failed on a broken connection: %s", e.getMessage());
        }
    }

    void stop() {
        running = false;
        stopSignal.wake();
    }
}
