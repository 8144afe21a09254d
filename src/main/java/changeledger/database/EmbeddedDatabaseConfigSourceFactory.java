package changeledger.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource URL of the embedded PostgreSQL when nothing else configures one.
 *
 * <p>Its source has the lowest ordinal, so any configured URL (environment, system property,
 * application.properties, a test resource) wins and the embedded server is never started.
 * The server starts lazily, on the first lookup of the URL, so a build never starts one.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_KEY = "quarkus.datasource.jdbc.url";
    static final String USER_KEY = "quarkus.datasource.username";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean enabled = !"false".equalsIgnoreCase(value(context, "changeledger.embedded-db.enabled", "true"));
        boolean urlConfigured = value(context, URL_KEY, null) != null;
        Path directory = Path.of(value(context, "changeledger.embedded-db.data-directory",
                defaultDirectory(context.getProfiles()).toString()));
        int port = Integer.parseInt(value(context, "changeledger.embedded-db.port", "0"));
        return List.of(new EmbeddedSource(enabled && !urlConfigured, enabled, directory, port));
    }

    /**
     * {@code ~/.changeledger/embedded-postgres} for the packaged service, {@code embedded-postgres-dev} (or
     * {@code -test}) for development and tests: keys and demo hosts made there never reach the service's audit log.
     */
    static Path defaultDirectory(List<String> profiles) {
        String name = "embedded-postgres";
        for (String profile : List.of("dev", "test")) {
            if (profiles.contains(profile)) {
                name += "-" + profile;
                break;
            }
        }
        return Path.of(System.getProperty("user.home"), ".changeledger", name);
    }

    private static String value(ConfigSourceContext context, String key, String fallback) {
        ConfigValue value = context.getValue(key);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback : value.getValue();
    }

    /** The lazily started source; see the factory. */
    static final class EmbeddedSource implements ConfigSource {
        private final boolean active;
        private final boolean enabled;
        private final Path directory;
        private final int port;

        EmbeddedSource(boolean active, boolean enabled, Path directory, int port) {
            this.active = active;
            this.enabled = enabled;
            this.directory = directory;
            this.port = port;
        }

        /** Where the server keeps its data when it starts. */
        Path directory() {
            return directory;
        }

        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            if (URL_KEY.equals(propertyName)) {
                if (!enabled) {
                    throw new IllegalStateException("No database is configured and the embedded PostgreSQL is "
                            + "disabled (changeledger.embedded-db.enabled=false). Set QUARKUS_DATASOURCE_JDBC_URL, "
                            + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD to your PostgreSQL server.");
                }
                return active ? EmbeddedDatabase.jdbcUrl(directory, port) : null;
            }
            if (USER_KEY.equals(propertyName) && active) {
                return EmbeddedDatabase.USER;
            }
            return null;
        }

        @Override
        public String getName() {
            return "changeledger-embedded-postgresql";
        }

        @Override
        public int getOrdinal() {
            return 1;
        }
    }
}
