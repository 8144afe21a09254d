package changeledger.eventstore;

import java.sql.SQLException;

/** The database refused or failed an event store operation. */
public class EventStoreException extends RuntimeException {

    /** Wraps the SQL failure of one operation. */
    public EventStoreException(String operation, SQLException cause) {
        super("Event store could not " + operation + ": " + cause.getMessage(), cause);
    }
}
