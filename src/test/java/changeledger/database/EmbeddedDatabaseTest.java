package changeledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL: durable commits, and a data directory of its own for dev mode. */
class EmbeddedDatabaseTest {

    @Nested
    class Durability {

        @TempDir
        Path data;

        @Test
        void givenTheServiceSettings_whenStarted_thenCommitsAreSynchronousAndFsynced() throws Exception {
            try (EmbeddedPostgres server = EmbeddedDatabase.builder(data, 0).start();
                 Connection connection = DriverManager.getConnection(server.getJdbcUrl(EmbeddedDatabase.USER,
                         "postgres"));
                 Statement statement = connection.createStatement()) {
                assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(statement, "fsync")).isEqualTo("on");
                assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
            }
        }

        private static String setting(Statement statement, String name) throws Exception {
            try (ResultSet rs = statement.executeQuery("show " + name)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Nested
    class StopOrder {

        @Test
        void givenTheApplicationStillUsesTheServer_whenTheJvmStops_thenTheHookWaitsUntilTheShutdownObserverRan() {
            EmbeddedDatabase.inUse(true);
            try {
                CompletableFuture<Boolean> hook = CompletableFuture.supplyAsync(
                        () -> EmbeddedDatabase.awaitUnused(Duration.ofSeconds(30)));

                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                        .until(() -> !hook.isDone());
                new EmbeddedDatabaseShutdown().stopped(null);

                await().atMost(Duration.ofSeconds(5)).until(hook::isDone);
                assertThat(hook.join()).isTrue();
            } finally {
                EmbeddedDatabase.inUse(false);
            }
        }

        @Test
        void givenTheApplicationNeverReleasesTheServer_thenTheHookGivesUpAtItsLimit() {
            EmbeddedDatabase.inUse(true);
            try {
                assertThat(EmbeddedDatabase.awaitUnused(Duration.ofMillis(100))).isFalse();
            } finally {
                EmbeddedDatabase.inUse(false);
            }
            assertThat(EmbeddedDatabase.awaitUnused(Duration.ZERO)).isTrue();
        }

        @Test
        void theShutdownObserverRunsAfterTheProcessorsStopObserver() {
            assertThat(EmbeddedDatabaseShutdown.LAST)
                    .isGreaterThan(jakarta.interceptor.Interceptor.Priority.APPLICATION + 500);
        }
    }

    @Nested
    class DataDirectory {

        private final Path home = Path.of(System.getProperty("user.home"), ".changeledger");

        @Test
        void givenNoDirectoryConfigured_thenDevModeAndThePackagedServiceUseDifferentDirectories() {
            assertThat(directory("prod", Map.of())).isEqualTo(home.resolve("embedded-postgres"));
            assertThat(directory("dev", Map.of())).isEqualTo(home.resolve("embedded-postgres-dev"));
            assertThat(directory("test", Map.of())).isEqualTo(home.resolve("embedded-postgres-test"));
        }

        @Test
        void givenADirectoryConfigured_thenItWinsInEveryProfile() {
            Map<String, String> configured = Map.of("changeledger.embedded-db.data-directory", "/srv/ledger/pg");
            assertThat(directory("dev", configured)).isEqualTo(Path.of("/srv/ledger/pg"));
            assertThat(directory("prod", configured)).isEqualTo(Path.of("/srv/ledger/pg"));
        }

        /** The directory the factory's source would start the server in (without starting it). */
        private Path directory(String profile, Map<String, String> properties) {
            SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile(profile)
                    .withSources(new io.smallrye.config.PropertiesConfigSource(properties, "test", 100))
                    .withSources(new EmbeddedDatabaseConfigSourceFactory()).build();
            List<ConfigSource> sources = StreamSupport.stream(config.getConfigSources().spliterator(), false)
                    .filter(s -> s instanceof EmbeddedDatabaseConfigSourceFactory.EmbeddedSource).toList();
            assertThat(sources).hasSize(1);
            return ((EmbeddedDatabaseConfigSourceFactory.EmbeddedSource) sources.get(0)).directory();
        }
    }
}
