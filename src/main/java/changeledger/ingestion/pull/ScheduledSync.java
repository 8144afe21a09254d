package changeledger.ingestion.pull;

import changeledger.eventstore.EventMetadata;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Syncs every configured host on a schedule; one host's failure never stops the others. */
@ApplicationScoped
public class ScheduledSync {

    private static final Logger LOG = Logger.getLogger(ScheduledSync.class);

    private final ProxmoxSyncService sync;

    /** Wires the job. */
    public ScheduledSync(ProxmoxSyncService sync) {
        this.sync = sync;
    }

    @Scheduled(identity = "proxmox-sync", every = "${changeledger.proxmox.sync-interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NoHostsConfigured.class)
    void syncAll() {
        for (String hostId : sync.configuredHosts()) {
            try {
                var outcome = sync.sync(hostId, EventMetadata.system("sync"));
                LOG.debugf("Synced host %s: %d tasks, %d new", hostId, outcome.items(), outcome.result().accepted());
            } catch (RuntimeException e) {
                LOG.warnf("Sync of host %s failed: %s", hostId, e.getMessage());
            }
        }
    }

    /** Skips the job when no host has an API configured. */
    @ApplicationScoped
    public static class NoHostsConfigured implements Scheduled.SkipPredicate {

        private final ProxmoxPullConfig config;

        /** Reads the configured hosts. */
        public NoHostsConfigured(ProxmoxPullConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return config.hosts().isEmpty();
        }
    }
}
