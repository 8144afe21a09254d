package changeledger.ingestion.pull;

import changeledger.host.HostSyncStatus;
import changeledger.host.HostView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Reads the pull connector's state of a host for the host resource: configured on its own, or as a member of a
 * configured cluster (whose pull then records the member's outcome here too).
 */
@ApplicationScoped
public class HostSyncStatusProvider implements HostSyncStatus {

    private final ProxmoxPullConfig config;
    private final ProxmoxSyncService sync;

    /** Wires the provider. */
    public HostSyncStatusProvider(ProxmoxPullConfig config, ProxmoxSyncService sync) {
        this.config = config;
        this.sync = sync;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public HostView.Sync of(String hostId) {
        boolean configured = config.hosts().containsKey(hostId) || sync.pulledCluster(hostId) != null;
        HostSyncReadModel status = HostSyncReadModel.findById(hostId);
        if (status == null) {
            return new HostView.Sync(configured, null, null, null);
        }
        return new HostView.Sync(configured, status.lastSuccessAt, status.lastError, status.lastErrorAt);
    }
}
