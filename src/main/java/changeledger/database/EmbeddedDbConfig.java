package changeledger.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The embedded PostgreSQL (ADR 0002). {@link EmbeddedDatabaseConfigSourceFactory} reads these keys
 * before the application starts; this mapping documents and validates them.
 */
@ConfigMapping(prefix = "changeledger.embedded-db")
public interface EmbeddedDbConfig {

    /** Whether the embedded PostgreSQL may start when no datasource URL is configured. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where it keeps its data; default {@code ~/.changeledger/embedded-postgres}, and {@code embedded-postgres-dev}
     * in dev mode, so nothing made in development reaches the packaged service's data.
     */
    Optional<String> dataDirectory();

    /** Its port on 127.0.0.1; 0 picks a free one. */
    @WithDefault("0")
    int port();
}
