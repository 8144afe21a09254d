package changeledger.projection.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-batch reads that find restarts and entries' facts stay index probes in a generic plan, on tables whose
 * statistics make a scan look cheap (ADR 0020).
 */
@QuarkusTest
class NodeRestartsPlanTest {

    /** A generation no processor uses, so the rows disturb nothing. */
    private static final int GENERATION = 990_016;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void manyTasksOfFewHosts() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into disruption_host_task (generation, host_id, upid, start_time, pstart) "
                    + "select " + GENERATION + ", 'plan-' || (i % 3), 'UPID:plan:' || i, "
                    + "timestamptz '2026-10-01T00:00:00Z' + i * interval '1 minute', 1000 + i "
                    + "from generate_series(1, 20000) i");
            statement.execute("insert into disruption_task (generation, host_id, upid, target, guest, task_type, "
                    + "window_kind, task_class, start_time, end_time, failed, pstart) "
                    + "select " + GENERATION + ", 'plan-' || (i % 3), 'UPID:plan:' || i, '101', '101', 'qmreboot', "
                    + "'task-itself', 'disruptive', timestamptz '2026-10-01T00:00:00Z' + i * interval '1 minute', "
                    + "case when i % 500 = 0 then null else timestamptz '2026-10-01T00:00:00Z' "
                    + "+ i * interval '1 minute' + interval '30 seconds' end, false, 1000 + i "
                    + "from generate_series(1, 20000) i");
            statement.execute("analyze disruption_host_task");
            statement.execute("analyze disruption_task");
        }
    }

    @AfterEach
    void removeThem() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("delete from disruption_host_task where generation = " + GENERATION);
            statement.execute("delete from disruption_task where generation = " + GENERATION);
        }
    }

    @Test
    void givenRunningTasksLookingForALaterRestart_whenPlannedGenerically_thenIndexProbes() throws Exception {
        String plan = genericPlan(NodeRestarts.FIRST_LOWER_AFTER,
                "'{plan-1}', '{UPID:plan:7}', '{2026-10-01T00:07:00Z}', '{1007}', " + GENERATION);

        assertThat(plan).contains("disruption_host_task_start").doesNotContain("Seq Scan");
    }

    @Test
    void givenABatchsTasksLookingForRunningOnes_whenPlannedGenerically_thenARangeOfTheRunningIndex() throws Exception {
        String plan = genericPlan(NodeRestarts.RUNNING,
                "'{plan-1}', '{2026-10-05T00:00:00Z}', '{2026-10-06T00:00:00Z}', " + GENERATION);

        assertThat(plan).contains("disruption_task_running").doesNotContain("Seq Scan");
    }

    @Test
    void givenARetractedEntry_whenItsFactIsLookedUpGenerically_thenAPrimaryKeyProbe() throws Exception {
        String plan = genericPlan(EntryFacts.ENTRY_FACTS, "'{plan-1}', '{entry:e-1}', " + GENERATION);

        assertThat(plan).contains("disruption_task_pkey").doesNotContain("Seq Scan");
    }

    private String genericPlan(String sql, String arguments) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set plan_cache_mode = force_generic_plan");
            statement.execute("prepare probe as " + numbered(sql));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = statement.executeQuery("explain execute probe(" + arguments + ")")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            statement.execute("deallocate probe");
            statement.execute("reset plan_cache_mode");
            return plan.toString();
        }
    }

    /** The statement with PostgreSQL's numbered parameters instead of JDBC's question marks. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            out.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        return out.toString();
    }
}
