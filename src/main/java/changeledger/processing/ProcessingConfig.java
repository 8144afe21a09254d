package changeledger.processing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of the tracking processors ({@code changeledger.processing.*}). */
@ConfigMapping(prefix = "changeledger.processing")
public interface ProcessingConfig {

    /** Whether this instance runs processors; others on the same database share them by claims. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Events per batch at most; one transaction stores a batch's effects together with the token. While a
     * processor is behind (its last batch was full) the next batch is read ahead during this one (ADR 0012).
     */
    @WithDefault("5000")
    int batchSize();

    /** How often an idle processor looks for events when no notification arrives (the fallback to LISTEN). */
    @WithDefault("1s")
    Duration pollInterval();

    /** How soon to look again while committed events wait behind a transaction that is still open. */
    @WithDefault("100ms")
    Duration heldBackPollInterval();

    /** How long a claim lasts without renewal; after that another instance takes the processor over. */
    @WithDefault("30s")
    Duration leaseTimeout();

    /** Whether to wake processors by LISTEN/NOTIFY on a dedicated connection (polling continues). */
    @WithDefault("true")
    boolean listen();

    /** This instance's name in claims; default: the host name plus a random suffix. */
    Optional<String> instanceId();

    /** Readiness is down while a processor lags more events than this. */
    @WithDefault("100000")
    long readinessMaxLagEvents();

    /** Readiness is down while a processor's oldest unprocessed event has waited longer than this. */
    @WithDefault("5m")
    Duration readinessMaxLag();

    /** How often the lag gauges in /q/metrics are refreshed. */
    @WithDefault("10s")
    Duration metricsInterval();
}
