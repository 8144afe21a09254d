package changeledger.health;

import changeledger.database.EmbeddedDatabase;
import changeledger.database.EmbeddedDbConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the database answers, and whether it is the embedded one or an external server. */
@Readiness
@ApplicationScoped
public class DatabaseModeCheck implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final EmbeddedDbConfig embedded;

    /** Checks the default datasource. */
    public DatabaseModeCheck(AgroalDataSource dataSource, EmbeddedDbConfig embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    @Override
    public HealthCheckResponse call() {
        boolean embedded = EmbeddedDatabase.isRunning();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("changeledger-database")
                .withData("mode", embedded ? "embedded" : "external")
                .withData("embeddedAllowed", this.embedded.enabled());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('server_version')")) {
            rs.next();
            return response.withData("serverVersion", rs.getString(1)).up().build();
        } catch (Exception e) {
            return response.withData("error", String.valueOf(e.getMessage())).down().build();
        }
    }
}
