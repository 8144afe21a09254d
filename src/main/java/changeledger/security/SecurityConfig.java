package changeledger.security;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Security settings. */
@ConfigMapping(prefix = "changeledger")
public interface SecurityConfig {

    /** Token of the bootstrap admin key (env CHANGELEDGER_ADMIN_TOKEN); unset means no bootstrap key. */
    Optional<String> adminToken();

    /** Peers (addresses or CIDR ranges) whose X-Forwarded-For is trusted to name the client. */
    Optional<List<String>> trustedProxies();
}
