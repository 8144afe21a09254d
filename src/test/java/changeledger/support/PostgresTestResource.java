package changeledger.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives every Quarkus test run its own empty database on the test server (see {@link TestPostgres}). */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private TestPostgres.Database database;

    @Override
    public Map<String, String> start() {
        database = TestPostgres.freshDatabase();
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.user(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            TestPostgres.drop(database);
        }
    }
}
