package changeledger.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of some API keys are still active, in one statement: for work that outlives the request that authenticated
 * it (a live stream), so a revoked key stops there too.
 */
@ApplicationScoped
public class ActiveKeys {

    private static final String ACTIVE = "select key_id from api_key where key_id = any(?) and revoked_at is null";

    private final SecurityConfig config;
    private final AgroalDataSource dataSource;

    /** Reads the key table; the bootstrap admin key is active while it is configured. */
    public ActiveKeys(SecurityConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
    }

    /** The ids among {@code keyIds} of keys that are active now. */
    public Set<String> active(Collection<String> keyIds) {
        Set<String> active = new HashSet<>();
        if (keyIds.contains(Caller.BOOTSTRAP_KEY_ID) && config.adminToken().filter(t -> !t.isBlank()).isPresent()) {
            active.add(Caller.BOOTSTRAP_KEY_ID);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(ACTIVE)) {
            read.setArray(1, connection.createArrayOf("text", keyIds.toArray()));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    active.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the API key table failed", e);
        }
        return active;
    }
}
