package changeledger.database;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.RestrictedDatabase;
import changeledger.support.TaskLines;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/**
 * The service runs as a role that may only read and append to the event and seal tables (ADR 0057): Flyway migrates
 * as the owner, the service ingests, answers queries, seals and replays as the restricted role, and PostgreSQL itself,
 * not only the immutability triggers, refuses that role any change to history.
 */
@QuarkusTest
@TestProfile(LeastPrivilegeTest.RestrictedRoles.class)
class LeastPrivilegeTest {

    private static final Instant START = Instant.parse("2026-11-04T12:00:00Z");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /**
     * A database with an owner role for Flyway and a service role for the datasource, dropped with its roles when the
     * test JVM exits (the application holds connections to it until then).
     */
    public static class RestrictedRoles implements QuarkusTestProfile {
        static RestrictedDatabase database;

        @Override
        public synchronized Map<String, String> getConfigOverrides() {
            if (database == null) {
                RestrictedDatabase created = RestrictedDatabase.create();
                Runtime.getRuntime().addShutdownHook(new Thread(created::drop, "drop-restricted-database"));
                database = created;
            }
            return database.config();
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void givenTheServiceRole_whenItIngestsQueriesSealsAndReplays_thenEverythingWorks() throws SQLException {
        assertThat(queryString(dataSource, "select current_user")).isEqualTo(RestrictedRoles.database.appRole());

        String host = registerHost("priv", "lab", "pve-lab");
        String ingester = createKey("ingester", host);
        String lines = TaskLines.index(upid().startTime(START).type("qmconfig").text(), START.plusSeconds(5), "OK")
                + "\n" + TaskLines.index(upid().startTime(START.plusSeconds(600)).type("qmstop").text(),
                START.plusSeconds(610), "OK") + "\n";
        as(ingester).contentType("text/plain").body(lines).post("/api/v1/hosts/" + host + "/ingest/task-index")
                .then().statusCode(200).body("accepted", equalTo(2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asAdmin()
                .get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200).extract().jsonPath()
                .getList("items.type")).containsExactly("qmconfig", "qmstop"));
        for (String processor : List.of("event-index", "change-stats", "task-view")) {
            asAdmin().post("/api/v1/admin/processors/" + processor + "/replay").then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(asAdmin().get("/api/v1/admin/processors").then().statusCode(200).extract().jsonPath()
                    .getList("items.replaying", Boolean.class)).doesNotContain(true);
            assertThat(asAdmin().get("/api/v1/events?host=" + host + "&limit=100").then().statusCode(200)
                    .extract().jsonPath().getList("items.type", String.class))
                    .filteredOn(type -> type.startsWith("ProxmoxTask")).hasSize(4);
            assertThat(asAdmin().get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200).extract()
                    .jsonPath().getList("items.type")).containsExactly("qmconfig", "qmstop");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asAdmin()
                .get("/api/v1/events/verify").then().statusCode(200).extract().jsonPath().getBoolean("verified"))
                .isTrue());
        // the owner gathered the event table's statistics after migrating: the service's role may not
        try (Connection admin = RestrictedRoles.database.connectAsAdmin()) {
            assertThat(queryString(admin, "select last_analyze is not null from pg_stat_user_tables "
                    + "where relname = 'domain_event'")).isEqualTo("t");
        }
    }

    @Test
    void givenTheServiceRole_whenItTriesToChangeHistory_thenPostgresRefusesItThePrivilege() throws SQLException {
        registerHost("priv", "lab", "pve-lab");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("event_seal") > 0);
        long events = count("domain_event");
        long seals = count("event_seal");

        try (Connection app = RestrictedRoles.database.connectAsApp()) {
            for (String table : List.of("domain_event", "event_seal")) {
                assertThat(privileges(app, table)).isEqualTo("SELECT INSERT");
                String trigger = table + "_no_update_delete";
                for (String sql : List.of(
                        "update " + table + " set event_id = event_id",
                        "delete from " + table,
                        "truncate " + table,
                        "alter table " + table + " disable trigger " + trigger,
                        "drop trigger " + trigger + " on " + table,
                        "alter table " + table + " add column note text",
                        "drop table " + table)) {
                    // refused by the privilege check, not by the trigger (which uses the same SQLSTATE)
                    assertRefused(app, sql).doesNotContain("append-only")
                            .containsAnyOf("permission denied", "must be owner");
                }
            }
            for (String sql : List.of("set session_replication_role = replica", "create table shadow (x int)")) {
                assertRefused(app, sql).contains("permission denied");
            }
            // what it does need on a read model
            assertThat(privileges(app, "event_index")).isEqualTo("SELECT INSERT UPDATE DELETE");
        }
        assertThat(count("domain_event")).isGreaterThanOrEqualTo(events);
        assertThat(count("event_seal")).isGreaterThanOrEqualTo(seals);
        assertThat(asAdmin().get("/api/v1/events/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("verified")).isTrue();
    }

    /** Runs {@code sql}, expects SQLSTATE 42501 and returns an assertion on the message. */
    private static AbstractStringAssert<?> assertRefused(Connection connection, String sql) {
        Throwable thrown = catchThrowable(() -> execute(connection, sql));
        assertThat(thrown).as(sql).isInstanceOf(SQLException.class);
        assertThat(((SQLException) thrown).getSQLState()).as(sql).isEqualTo(INSUFFICIENT_PRIVILEGE);
        return assertThat(thrown.getMessage()).as(sql);
    }

    private static String privileges(Connection connection, String table) throws SQLException {
        return queryString(connection, """
                select concat_ws(' ',
                       case when has_table_privilege('%1$s', 'select') then 'SELECT' end,
                       case when has_table_privilege('%1$s', 'insert') then 'INSERT' end,
                       case when has_table_privilege('%1$s', 'update') then 'UPDATE' end,
                       case when has_table_privilege('%1$s', 'delete') then 'DELETE' end,
                       case when has_table_privilege('%1$s', 'truncate') then 'TRUNCATE' end,
                       case when has_table_privilege('%1$s', 'references') then 'REFERENCES' end,
                       case when has_table_privilege('%1$s', 'trigger') then 'TRIGGER' end)
                """.formatted(table));
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(queryString(dataSource, "select count(*) from " + table));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(AgroalDataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return queryString(connection, sql);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
