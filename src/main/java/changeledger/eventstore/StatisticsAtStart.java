package changeledger.eventstore;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Gathers the event table's statistics once the migrations have run: after a restore, or with autovacuum off, the
 * table has none, and the planner guesses. The status statements do not depend on them (ADR 0042); other reads
 * plan better with them. ANALYZE samples a bounded number of rows, so it costs about the same at any table size.
 */
@ApplicationScoped
public class StatisticsAtStart {

    private static final Logger LOG = Logger.getLogger(StatisticsAtStart.class);

    private final AgroalDataSource dataSource;

    /** Works on the default datasource. */
    public StatisticsAtStart(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void analyze(@Observes StartupEvent event) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("analyze domain_event");
            if (statement.getWarnings() != null) {
                // PostgreSQL skips the table with a warning when the service's role does not own it (ADR 0057): then
                // the migration run, as the owner, gathered them a moment ago
                LOG.infof("The service's database role does not own the event table; its statistics were gathered "
                        + "by the migration run (%s)", statement.getWarnings().getMessage());
                return;
            }
            LOG.infof("Gathered the event table's statistics in %d ms", (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            // no reason to stop the service
            LOG.infof("Could not gather the event table's statistics (%s); the status reads do not need them",
                    e.getMessage());
        }
    }
}
