package changeledger.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A statement of a reader's own table that selects positions of events, to be read with those events in one
 * statement ({@link EventStore#readWithEvents}): an index finds the positions, the store adds the events.
 *
 * @param <T> what the reader makes of one of its rows
 */
public interface JoinedRead<T> {

    /**
     * The statement: it selects exactly {@link #columns()} columns, among them {@code position} and {@code tx_id} of
     * the event the row stands for; the rows come back in the global order {@code (tx_id, position)}.
     */
    String sql();

    /** How many columns {@link #sql()} selects. */
    int columns();

    /** Sets the parameters of {@link #sql()}. */
    void bind(Connection connection, PreparedStatement statement) throws SQLException;

    /** The reader's row from columns 1 to {@link #columns()} of the current result row. */
    T read(ResultSet row) throws SQLException;

    /**
     * A row of the reader's statement and the event at its position.
     *
     * @param row   what the reader made of its row
     * @param event the event, its JSON as text (upcast when its revision has an upcaster)
     * @param <T>   the reader's row type
     */
    record WithEvent<T>(T row, EventRow event) {
    }
}
