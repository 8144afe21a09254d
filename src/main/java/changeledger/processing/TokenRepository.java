package changeledger.processing;

import changeledger.eventstore.GlobalCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of the token table. Every change of a cursor is fenced: it names the owner and the
 * cursor it read, so a writer that lost its claim (or raced another) changes nothing and rolls back.
 */
final class TokenRepository {

    private static final String COLUMNS = """
            name, generation, tx_id, position, owner, lease_until, replay_generation, replay_tx_id,
            replay_position, updated_at
            """;

    private static final String ENSURE = """
            insert into processor_token (name) values (?) on conflict (name) do nothing
            """;

    private static final String READ = "select " + COLUMNS + " from processor_token where name = ?";

    private static final String READ_ALL = "select " + COLUMNS + " from processor_token order by name";

    private static final String CLAIM = """
            update processor_token
               set owner = ?, lease_until = now() + ? * interval '1 millisecond'
             where name = ? and (owner is null or owner = ? or lease_until < now())
            """;

    private static final String RELEASE = """
            update processor_token set owner = null, lease_until = null where name = ? and owner = ?
            """;

    private static final String ADVANCE = """
            update processor_token
               set tx_id = ?, position = ?, lease_until = now() + ? * interval '1 millisecond', updated_at = now()
             where name = ? and owner = ? and generation = ? and tx_id = ? and position = ?
            """;

    private static final String ADVANCE_REPLAY = """
            update processor_token
               set replay_tx_id = ?, replay_position = ?, lease_until = now() + ? * interval '1 millisecond'
             where name = ? and owner = ? and replay_generation = ? and replay_tx_id = ? and replay_position = ?
            """;

    private static final String SWITCH_OVER = """
            update processor_token
               set generation = replay_generation, tx_id = replay_tx_id, position = replay_position,
                   replay_generation = null, replay_tx_id = null, replay_position = null,
                   replay_requested_at = null, updated_at = now()
             where name = ? and owner = ? and replay_generation = ? and replay_tx_id = ? and replay_position = ?
            """;

    private static final String REQUEST_REPLAY = """
            update processor_token
               set replay_generation = generation + 1, replay_tx_id = 0, replay_position = 0,
                   replay_requested_at = now()
             where name = ? and replay_generation is null
            returning replay_generation
            """;

    void ensure(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ENSURE)) {
            statement.setString(1, name);
            statement.executeUpdate();
        }
    }

    Optional<Token> read(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, name);
            List<Token> tokens = readAll(statement);
            return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(0));
        }
    }

    List<Token> readAll(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ_ALL)) {
            return readAll(statement);
        }
    }

    boolean claim(Connection connection, String name, String owner, Duration lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, owner);
            statement.setLong(2, lease.toMillis());
            statement.setString(3, name);
            statement.setString(4, owner);
            return statement.executeUpdate() == 1;
        }
    }

    void release(Connection connection, String name, String owner) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RELEASE)) {
            statement.setString(1, name);
            statement.setString(2, owner);
            statement.executeUpdate();
        }
    }

    boolean advance(Connection connection, Token read, String owner, GlobalCursor to, Duration lease)
            throws SQLException {
        return fenced(connection, ADVANCE, to, lease, read.name(), owner, read.generation(), read.cursor());
    }

    boolean advanceReplay(Connection connection, Token read, String owner, GlobalCursor to, Duration lease)
            throws SQLException {
        return fenced(connection, ADVANCE_REPLAY, to, lease, read.name(), owner, read.replayGeneration(),
                read.replayCursor());
    }

    boolean switchOver(Connection connection, Token read, String owner) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SWITCH_OVER)) {
            statement.setString(1, read.name());
            statement.setString(2, owner);
            statement.setInt(3, read.replayGeneration());
            statement.setLong(4, read.replayCursor().txId());
            statement.setLong(5, read.replayCursor().position());
            return statement.executeUpdate() == 1;
        }
    }

    Optional<Integer> requestReplay(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(REQUEST_REPLAY)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private static boolean fenced(Connection connection, String sql, GlobalCursor to, Duration lease, String name,
                                  String owner, int generation, GlobalCursor from) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, to.txId());
            statement.setLong(2, to.position());
            statement.setLong(3, lease.toMillis());
            statement.setString(4, name);
            statement.setString(5, owner);
            statement.setInt(6, generation);
            statement.setLong(7, from.txId());
            statement.setLong(8, from.position());
            return statement.executeUpdate() == 1;
        }
    }

    private static List<Token> readAll(PreparedStatement statement) throws SQLException {
        List<Token> tokens = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                int replayGeneration = rs.getInt("replay_generation");
                boolean replaying = !rs.wasNull();
                tokens.add(new Token(rs.getString("name"), rs.getInt("generation"),
                        new GlobalCursor(rs.getLong("tx_id"), rs.getLong("position")), rs.getString("owner"),
                        instant(rs.getObject("lease_until", OffsetDateTime.class)),
                        replaying ? replayGeneration : null,
                        replaying ? new GlobalCursor(rs.getLong("replay_tx_id"), rs.getLong("replay_position")) : null,
                        instant(rs.getObject("updated_at", OffsetDateTime.class))));
            }
        }
        return tokens;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
