package changeledger.ingestion.pull;

import changeledger.host.HostSyncStatus;
import changeledger.host.HostView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Reads the pull connector's state of a host for the host resource. */
@ApplicationScoped
public class HostSyncStatusProvider implements HostSyncStatus {

    private final ProxmoxPullConfig config;

    /** Wires the provider. */
    public HostSyncStatusProvider(ProxmoxPullConfig config) {
        this.config = config;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public HostView.Sync of(String hostId) {
        boolean configured = config.hosts().containsKey(hostId);
        HostSyncReadModel status = HostSyncReadModel.findById(hostId);
        if (status == null) {
            return new HostView.Sync(configured, null, null, null);
        }
        return new HostView.Sync(configured, status.lastSuccessAt, status.lastError, status.lastErrorAt);
    }
}
