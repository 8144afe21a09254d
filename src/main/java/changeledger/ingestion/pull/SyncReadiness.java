package changeledger.ingestion.pull;

import changeledger.host.HostView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness detail of the pull connector: how many hosts are configured and how many failed their
 * last sync. Readiness is open, so it names no host and no error; {@code GET /api/v1/hosts/{id}}
 * shows the reason to a key that may read the host. A failing host does not make the service unready.
 */
@Readiness
@ApplicationScoped
public class SyncReadiness implements HealthCheck {

    private final ProxmoxSyncService sync;
    private final ClusterSyncService clusters;
    private final HostSyncStatusProvider status;

    /** Wires the check. */
    public SyncReadiness(ProxmoxSyncService sync, ClusterSyncService clusters, HostSyncStatusProvider status) {
        this.sync = sync;
        this.clusters = clusters;
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        long failing = sync.configuredHosts().stream().map(status::of).filter(SyncReadiness::failing).count();
        return HealthCheckResponse.named("proxmox-sync").up()
                .withData("configuredHosts", sync.configuredHosts().size())
                .withData("failingHosts", failing)
                .withData("configuredClusters", clusters.configuredClusters().size())
                .build();
    }

    private static boolean failing(HostView.Sync state) {
        return state.lastErrorAt() != null
                && (state.lastSuccess() == null || state.lastErrorAt().isAfter(state.lastSuccess()));
    }
}
