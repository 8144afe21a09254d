package changeledger.security;

import changeledger.database.Reads;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one-time setup token: when no admin key for all hosts exists and no bootstrap token is configured, the service
 * makes a random token (256 bits), prints it once at start with the command that creates the first admin key, and
 * accepts it as an admin until such a key exists. It lives in memory only; a restart before the first key prints a
 * new one, a restart after it prints none.
 */
@ApplicationScoped
public class SetupToken {

    /** Setup tokens start with this, so they are not taken for API keys. */
    static final String PREFIX = "setup_";
    /** The caller a setup token authenticates as. */
    static final Caller CALLER = new Caller("setup-token", "one-time setup token", Role.ADMIN, List.of());

    private static final Logger LOG = Logger.getLogger(SetupToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADMIN_KEY_EXISTS = """
            select exists (select 1 from api_key where role = 'admin' and revoked_at is null and hosts = '[]'::jsonb)
            """;

    private final SecurityConfig config;
    private final DataSource dataSource;
    private final int port;
    private volatile String tokenHash;

    /** Wires the token to the key table and the HTTP port its command names. */
    @Inject
    public SetupToken(SecurityConfig config, AgroalDataSource dataSource,
                      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this(config, (DataSource) dataSource, port);
    }

    SetupToken(SecurityConfig config, DataSource dataSource, int port) {
        this.config = config;
        this.dataSource = dataSource;
        this.port = port;
    }

    void started(@Observes StartupEvent event) {
        offer().ifPresent(LOG::info);
    }

    /** Makes a setup token when nothing else can create the first admin key; returns the message that shows it. */
    synchronized Optional<String> offer() {
        if (config.adminToken().filter(t -> !t.isBlank()).isPresent() || adminKeyExists()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokenHash = Tokens.sha256(token);
        return Optional.of(message(token));
    }

    /** The setup caller when {@code hash} is the setup token's and no admin key exists yet. */
    Optional<Caller> authenticate(String hash) {
        String current = tokenHash;
        if (current == null || !Tokens.sameHash(current, hash) || !pending()) {
            return Optional.empty();
        }
        return Optional.of(CALLER);
    }

    /** Whether a setup token works now: once an admin key for all hosts exists, it never works again. */
    public boolean pending() {
        if (tokenHash == null) {
            return false;
        }
        if (adminKeyExists()) {
            tokenHash = null;
            LOG.info("An admin key for all hosts exists: the one-time setup token no longer works.");
            return false;
        }
        return true;
    }

    private String message(String token) {
        return "No admin key exists and no bootstrap token is configured (CHANGELEDGER_ADMIN_TOKEN). "
                + "Create the first admin key with this one-time setup token; it works until an admin key for all "
                + "hosts exists and is never shown again:\n\n"
                + "  curl -s -H 'Authorization: Bearer " + token + "' -H 'Content-Type: application/json' \\\n"
                + "    http://localhost:" + port + "/api/v1/api-keys -d '{\"name\":\"first admin\",\"role\":\"admin\","
                + "\"hosts\":[]}'\n\n"
                + "The answer's \"token\" is the admin key, shown once: keep it in a password manager.";
    }

    private boolean adminKeyExists() {
        return Reads.first(dataSource, ADMIN_KEY_EXISTS, (connection, read) -> { }, rs -> rs.getBoolean(1),
                "the API key table").orElse(false);
    }
}
