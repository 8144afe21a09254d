package changeledger.dashboard.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Dashboard settings, under {@code changeledger.dashboard}. */
@ConfigMapping(prefix = "changeledger.dashboard")
public interface DashboardConfig {

    /** A session unused this long ends; the next page asks for the key again. */
    @WithDefault("30m")
    Duration sessionIdleTimeout();

    /** A session ends this long after sign-in, however busy it is. */
    @WithDefault("12h")
    Duration sessionMaxAge();

    /** The most sessions kept at once; signing in past it ends the least recently used one. */
    @WithDefault("10000")
    int maxSessions();
}
