package changeledger.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.ZoneId;

/** The one time zone of the service, under {@code changeledger}. */
@ConfigMapping(prefix = "changeledger")
public interface TimeConfig {

    /**
     * The zone of days, weeks and months: buckets, report months, budgets, "midnight", and dates given as
     * {@code from}/{@code to} (an IANA name such as {@code Europe/Berlin}).
     */
    @WithName("time-zone")
    @WithDefault("UTC")
    ZoneId timeZone();
}
