package changeledger.processing;

import java.time.Duration;
import java.util.Objects;

/**
 * How a processor engine runs; {@link ProcessingConfig} documents each value.
 *
 * @param instanceId           this instance's name in claims
 * @param batchSize            events per batch transaction
 * @param pollInterval         how often an idle processor looks for events without a notification
 * @param heldBackPollInterval how soon to look again while committed events wait behind an open transaction
 * @param leaseTimeout         how long a claim lasts without renewal
 * @param listen               whether to wake on NOTIFY
 */
public record EngineSettings(String instanceId, int batchSize, Duration pollInterval, Duration heldBackPollInterval,
                             Duration leaseTimeout, boolean listen) {

    /** Validates the settings. */
    public EngineSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more");
        }
        if (leaseTimeout.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("lease timeout must be at least 300ms");
        }
    }

    /** How often an owner renews its claim while idle: a third of the lease. */
    Duration renewEvery() {
        return leaseTimeout.dividedBy(3);
    }

    /** How long an idle worker waits for a notification before it looks anyway. */
    Duration idleWait() {
        return pollInterval.compareTo(renewEvery()) < 0 ? pollInterval : renewEvery();
    }
}
