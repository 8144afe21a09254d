package changeledger.ingestion.pull;

import changeledger.host.HostView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness detail of the pull connector: per configured host, the last success and the last
 * error. A host that cannot be reached does not make the service unready.
 */
@Readiness
@ApplicationScoped
public class SyncReadiness implements HealthCheck {

    private final ProxmoxSyncService sync;
    private final HostSyncStatusProvider status;

    /** Wires the check. */
    public SyncReadiness(ProxmoxSyncService sync, HostSyncStatusProvider status) {
        this.sync = sync;
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("proxmox-sync").up();
        for (String hostId : sync.configuredHosts()) {
            HostView.Sync state = status.of(hostId);
            response.withData(hostId + ".lastSuccess", String.valueOf(state.lastSuccess()));
            response.withData(hostId + ".lastError", String.valueOf(state.lastError()));
        }
        return response.build();
    }
}
