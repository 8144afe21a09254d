package changeledger.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request size limits. */
@ConfigMapping(prefix = "changeledger.limits")
public interface LimitsConfig {

    /** Largest body of the service's own JSON requests (hosts, keys, change requests, entries), in bytes. */
    @WithDefault("1048576")
    long jsonBodyBytes();

    /** Largest body of an ingestion upload (task files, API JSON, access log), in bytes. */
    @WithDefault("67108864")
    long uploadBytes();
}
