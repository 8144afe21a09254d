package changeledger.evidence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness detail of the evidence: per source, how many hosts have it silent longer than the allowed silence. Always
 * up: a dead collector is the host's problem, not the service's. Readiness is open, so it names no host; the metric
 * {@code changeledger_evidence_age_seconds} and {@code GET /api/v1/hosts/{id}/evidence} name them. It reads over plain
 * JDBC: readiness checks run side by side, and a Hibernate session is not theirs to share.
 */
@Readiness
@ApplicationScoped
public class EvidenceReadiness implements HealthCheck {

    private static final String STALE = """
            select source, count(*) from evidence_source where last_seen_at < ? group by source order by source
            """;

    private final AgroalDataSource dataSource;
    private final EvidenceConfig config;
    private final EvidenceClock clock;

    /** Wires the check. */
    public EvidenceReadiness(AgroalDataSource dataSource, EvidenceConfig config, EvidenceClock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("evidence").up()
                .withData("maxSilence", config.maxSilence().toString());
        try {
            Map<String, Integer> stale = stale(clock.now().minus(config.maxSilence()));
            response.withData("staleSources", stale.isEmpty() ? "none" : stale.entrySet().stream()
                    .map(e -> e.getKey() + " on " + e.getValue() + (e.getValue() == 1 ? " host" : " hosts"))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            stale.forEach((source, hosts) -> response.withData("stale." + source, hosts));
        } catch (SQLException | RuntimeException e) {
            response.withData("error", "could not read the signs of life: " + e.getMessage());
        }
        return response.build();
    }

    /** Per source, the hosts whose last sign of life is older than {@code before}. */
    private Map<String, Integer> stale(Instant before) throws SQLException {
        Map<String, Integer> stale = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(STALE)) {
            read.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    stale.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return stale;
    }
}
