package changeledger.evidence;

import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns silences into gap events: for every host whose sources that report tasks have ever shown a sign of life,
 * {@link GapRule} on its signs and its evidence stream. Runs every {@code changeledger.evidence.check-interval};
 * right after a start it waits one allowed silence, so collectors can deliver what they held back while the service
 * was down before their silence counts. Each run also brings the age metric up to the signs other instances saw.
 */
@ApplicationScoped
public class GapDetector {

    private static final Logger LOG = Logger.getLogger(GapDetector.class);
    private static final int ATTEMPTS = 3;

    private final SignsOfLife signs;
    private final EvidenceGaps gaps;
    private final EvidenceConfig config;
    private final EvidenceClock clock;
    private final EvidenceMetrics metrics;
    private volatile Instant startedAt = Instant.now();

    /** Wires the detector. */
    public GapDetector(SignsOfLife signs, EvidenceGaps gaps, EvidenceConfig config, EvidenceClock clock,
                       EvidenceMetrics metrics) {
        this.metrics = metrics;
        this.signs = signs;
        this.gaps = gaps;
        this.config = config;
        this.clock = clock;
    }

    void started(@Observes StartupEvent event) {
        startedAt = clock.now();
    }

    @Scheduled(identity = "evidence-gaps", every = "${changeledger.evidence.check-interval:1m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkAll() {
        Instant now = clock.now();
        try {
            signs.all().forEach(s -> metrics.seen(s.hostId, s.source, s.lastSeenAt));
        } catch (RuntimeException e) {
            LOG.warnf("Reading the signs of life for the metrics failed: %s", e.getMessage());
        }
        if (now.isBefore(startedAt.plus(config.maxSilence()))) {
            return;
        }
        for (String hostId : signs.watchedHosts()) {
            try {
                checkHost(hostId, now);
            } catch (RuntimeException e) {
                LOG.warnf("Checking the evidence of host %s failed: %s", hostId, e.getMessage());
            }
        }
    }

    /** Checks one host as of {@code now} and returns the gap events it appended. */
    public List<EvidenceEvent> checkHost(String hostId, Instant now) {
        return ConflictRetry.inNewTransaction(ATTEMPTS, () -> {
            List<GapRule.TaskSign> taskSigns = signs.of(hostId).stream()
                    .filter(s -> EvidenceSource.of(s.source).map(EvidenceSource::reportsTasks).orElse(false))
                    .map(s -> new GapRule.TaskSign(s.source, s.lastSeenAt, s.resumedAt)).toList();
            EvidenceGaps.State state = gaps.state(hostId);
            List<EvidenceEvent> events = GapRule.decide(hostId, state.open(), taskSigns, now, config.maxSilence());
            return events.isEmpty() ? events
                    : gaps.append(hostId, state.lastSequence(), events, EventMetadata.system("evidence"));
        });
    }
}
