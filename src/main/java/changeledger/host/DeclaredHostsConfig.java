package changeledger.host;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/** Hosts declared in configuration: registered at start when they do not exist yet. */
@ConfigMapping(prefix = "changeledger.hosts")
public interface DeclaredHostsConfig {

    /** The declared hosts by id ({@code changeledger.hosts.<id>.*}). */
    @WithParentName
    Map<String, DeclaredHost> hosts();

    /** One declared host. */
    interface DeclaredHost {

        /** Display name. */
        String name();

        /** {@code infrastructure} or {@code lab}. */
        String role();

        /** Proxmox node name, as in the host's UPIDs. */
        String node();

        /** Network zone; default by role (secured, homelab). */
        Optional<String> zone();

        /** Overrides the role's default: whether changes need approved requests. */
        Optional<Boolean> requireChangeRequests();

        /** Overrides the role's default monthly change budget; -1 means no budget. */
        Optional<Integer> monthlyChangeBudget();

        /** Overrides the role's default monthly disruption minutes; -1 means no budget. */
        Optional<Integer> monthlyDisruptionMinutes();
    }
}
