package changeledger.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database set up as docker/initdb sets up a production one (ADR 0057): an owner role that owns the database
 * and its schema and runs the migrations, and a service role that may only log in; no superuser in either. The roles
 * are named after the database and dropped with it.
 */
public final class RestrictedDatabase {

    private final TestPostgres.Database database;
    private final String owner;
    private final String app;
    private final String password = UUID.randomUUID().toString();

    private RestrictedDatabase(TestPostgres.Database database) {
        this.database = database;
        this.owner = database.name() + "_owner";
        this.app = database.name() + "_app";
    }

    /** Creates the database and both roles. */
    public static RestrictedDatabase create() {
        RestrictedDatabase db = new RestrictedDatabase(TestPostgres.freshDatabase());
        try {
            TestPostgres.executeAsAdmin("create role " + db.owner + " login nosuperuser nocreatedb nocreaterole "
                    + "password '" + db.password + "'");
            TestPostgres.executeAsAdmin("create role " + db.app + " login nosuperuser nocreatedb nocreaterole "
                    + "password '" + db.password + "'");
            TestPostgres.executeAsAdmin("alter database " + db.database.name() + " owner to " + db.owner);
            try (Connection connection = db.database.connect(); Statement statement = connection.createStatement()) {
                // what PostgreSQL 15 does anyway, stated for older test servers: only the owner creates in the schema
                statement.execute("alter schema public owner to " + db.owner);
                statement.execute("revoke create on schema public from public");
            }
        } catch (SQLException e) {
            db.drop();
            throw new IllegalStateException("Cannot set up the owner and service roles (the test user needs "
                    + "CREATEROLE): " + e.getMessage(), e);
        }
        return db;
    }

    /** The service's configuration: the datasource as the service role, Flyway as the owner. */
    public Map<String, String> config() {
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", app,
                "quarkus.datasource.password", password,
                "quarkus.flyway.username", owner,
                "quarkus.flyway.password", password);
    }

    /** The service role's name. */
    public String appRole() {
        return app;
    }

    /** A new connection as the service role. */
    public Connection connectAsApp() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), app, password);
    }

    /** A new connection as the test server's admin user. */
    public Connection connectAsAdmin() throws SQLException {
        return database.connect();
    }

    /** Drops the database, then both roles. */
    public void drop() {
        TestPostgres.drop(database);
        for (String role : new String[] {app, owner}) {
            try {
                TestPostgres.executeAsAdmin("drop role if exists " + role);
            } catch (SQLException e) {
                System.err.println("Could not drop test role " + role + ": " + e.getMessage());
            }
        }
    }
}
