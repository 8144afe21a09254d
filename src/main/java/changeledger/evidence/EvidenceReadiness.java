package changeledger.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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
 * {@code changeledger_evidence_age_seconds} and {@code GET /api/v1/hosts/{id}/evidence} name them.
 */
@Readiness
@ApplicationScoped
public class EvidenceReadiness implements HealthCheck {

    private final SignsOfLife signs;
    private final EvidenceConfig config;
    private final EvidenceClock clock;

    /** Wires the check. */
    public EvidenceReadiness(SignsOfLife signs, EvidenceConfig config, EvidenceClock clock) {
        this.signs = signs;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("evidence").up()
                .withData("maxSilence", config.maxSilence().toString());
        try {
            Instant now = clock.now();
            Map<String, Integer> stale = new TreeMap<>();
            signs.all().stream()
                    .filter(s -> Duration.between(s.lastSeenAt, now).compareTo(config.maxSilence()) > 0)
                    .forEach(s -> stale.merge(s.source, 1, Integer::sum));
            response.withData("staleSources", stale.isEmpty() ? "none" : stale.entrySet().stream()
                    .map(e -> e.getKey() + " on " + e.getValue() + (e.getValue() == 1 ? " host" : " hosts"))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            stale.forEach((source, hosts) -> response.withData("stale." + source, hosts));
        } catch (RuntimeException e) {
            response.withData("error", "could not read the signs of life: " + e.getMessage());
        }
        return response.build();
    }
}
