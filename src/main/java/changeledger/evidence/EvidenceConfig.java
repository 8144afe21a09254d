package changeledger.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Evidence freshness and the gap detector ({@code changeledger.evidence.*}). */
@ConfigMapping(prefix = "changeledger.evidence")
public interface EvidenceConfig {

    /** How long every source of a host that reports tasks may be silent before the silence is a gap. */
    @WithDefault("30m")
    Duration maxSilence();

    /** How often the gap detector runs (a Quarkus scheduler expression; {@code off} disables it). */
    @WithDefault("1m")
    String checkInterval();
}
