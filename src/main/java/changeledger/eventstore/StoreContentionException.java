package changeledger.eventstore;

import java.sql.SQLException;

/** PostgreSQL aborted an append to break a deadlock or a serialisation conflict; retrying succeeds. */
public class StoreContentionException extends RuntimeException {

    /** Wraps the aborted statement's error. */
    public StoreContentionException(SQLException cause) {
        super("The append collided with a concurrent one and was rolled back (" + cause.getSQLState() + ")", cause);
    }
}
