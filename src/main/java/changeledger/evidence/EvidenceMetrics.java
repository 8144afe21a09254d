package changeledger.evidence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code changeledger_evidence_age_seconds{host,source}}: how long ago each source of each host last showed a sign
 * of life. Fed by this instance's signs and by the detector's reads of the table (the signs other instances saw).
 */
@ApplicationScoped
public class EvidenceMetrics {

    private final MeterRegistry registry;
    private final EvidenceClock clock;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    /** Wires the gauges. */
    public EvidenceMetrics(MeterRegistry registry, EvidenceClock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A sign of life seen at {@code at}; registers the host's gauge of that source the first time. */
    void seen(String hostId, String source, Instant at) {
        String key = hostId + "\n" + source;
        Instant before = lastSeen.putIfAbsent(key, at);
        if (before == null) {
            Gauge.builder("changeledger.evidence.age", lastSeen, seen -> age(seen.get(key)))
                    .description("Seconds since the source of the host last showed a sign of life (upload, "
                            + "heartbeat or successful pull)")
                    .baseUnit("seconds").tag("host", hostId).tag("source", source).register(registry);
        } else if (before.isBefore(at)) {
            lastSeen.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private double age(Instant seen) {
        return seen == null ? Double.NaN : Math.max(0, Duration.between(seen, clock.now()).toMillis() / 1000.0);
    }
}
