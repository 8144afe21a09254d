package changeledger.ingestion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of what the node journal's observations mean, under {@code changeledger.journal}. */
@ConfigMapping(prefix = "changeledger.journal")
public interface JournalConfig {

    /** The default {@link #guestRestartGrace()}. */
    Duration DEFAULT_GUEST_RESTART_GRACE = Duration.ofMinutes(10);

    /**
     * How soon a guest that stopped by itself (or for a reason no line tells) must start again for its stop to be no
     * disruption: it is then listed, not counted.
     */
    @WithDefault("10M")
    Duration guestRestartGrace();
}
