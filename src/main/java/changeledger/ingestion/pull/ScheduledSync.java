package changeledger.ingestion.pull;

import changeledger.eventstore.EventMetadata;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Syncs every configured host and cluster on a schedule; one host's or cluster's failure never stops the others. A
 * host that is a member of a configured cluster is read with its cluster, not on its own.
 */
@ApplicationScoped
public class ScheduledSync {

    private static final Logger LOG = Logger.getLogger(ScheduledSync.class);

    private final ProxmoxSyncService sync;
    private final ClusterSyncService clusters;

    /** Wires the job. */
    public ScheduledSync(ProxmoxSyncService sync, ClusterSyncService clusters) {
        this.sync = sync;
        this.clusters = clusters;
    }

    @Scheduled(identity = "proxmox-sync", every = "${changeledger.proxmox.sync-interval:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = NoHostsConfigured.class)
    void syncAll() {
        for (String hostId : sync.configuredHosts()) {
            if (sync.pulledCluster(hostId) != null) {
                continue;
            }
            try {
                var outcome = sync.sync(hostId, EventMetadata.system("sync"));
                LOG.debugf("Synced host %s: %d tasks, %d new", hostId, outcome.items(), outcome.result().accepted());
            } catch (RuntimeException e) {
                LOG.warnf("Sync of host %s failed: %s", hostId, e.getMessage());
            }
        }
        for (String cluster : clusters.configuredClusters()) {
            try {
                var outcome = clusters.sync(cluster, EventMetadata.system("sync"));
                outcome.problems().forEach(problem -> LOG.warnf("Sync of cluster %s: %s", cluster, problem));
            } catch (RuntimeException e) {
                LOG.warnf("Sync of cluster %s failed: %s", cluster, e.getMessage());
            }
        }
    }

    /** Skips the job when no host and no cluster has an API configured. */
    @ApplicationScoped
    public static class NoHostsConfigured implements Scheduled.SkipPredicate {

        private final ProxmoxPullConfig config;

        /** Reads the configured hosts. */
        public NoHostsConfigured(ProxmoxPullConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return config.hosts().isEmpty() && config.clusters().isEmpty();
        }
    }
}
