package changeledger.security;

import changeledger.database.Reads;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
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
        active.addAll(Reads.list(dataSource, ACTIVE,
                (connection, read) -> read.setArray(1, connection.createArrayOf("text", keyIds.toArray())),
                rs -> rs.getString(1), "the API key table"));
        return active;
    }
}
