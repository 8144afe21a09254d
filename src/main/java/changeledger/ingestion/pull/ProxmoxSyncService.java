package changeledger.ingestion.pull;

import changeledger.config.ConfigLedger;
import changeledger.eventstore.EventMetadata;
import changeledger.evidence.EvidenceSource;
import changeledger.evidence.SignsOfLife;
import changeledger.host.Host;
import changeledger.host.HostNotFoundException;
import changeledger.host.HostService;
import changeledger.ingestion.IngestionResult;
import changeledger.ingestion.LineOutcome;
import changeledger.ingestion.ReplicationIngestionService;
import changeledger.ingestion.TaskFact;
import changeledger.ingestion.TaskIngestionService;
import changeledger.ingestion.TaskJsonParser;
import changeledger.ingestion.UnprocessableUploadException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Syncs one host from its Proxmox API: fetch (no transaction open), ingest what came back in one
 * transaction, and record the outcome per host in its own transaction.
 */
@ApplicationScoped
public class ProxmoxSyncService {

    /**
     * What one sync did.
     *
     * @param hostId   the host
     * @param since    the start-time cutoff asked for (overlapping the last sync)
     * @param items    tasks the API returned
     * @param result   what ingestion made of them
     * @param config   what the configuration snapshot added
     * @param replication what the replication status added (ADR 0066)
     */
    public record SyncOutcome(String hostId, Instant since, int items, IngestionResult result, ConfigSync config,
                              ReplicationIngestionService.ReplicationResult replication) {
    }

    /**
     * What the configuration snapshot of a sync added.
     *
     * @param baselines  targets recorded for the first time
     * @param drifts     targets that changed, appeared or went away
     * @param unchanged  targets as they were
     * @param unreadable API paths the token may not read (403; normal for a PVEAuditor token on some paths)
     */
    public record ConfigSync(int baselines, int drifts, int unchanged, List<String> unreadable) {
    }

    private final ProxmoxPullConfig config;
    private final HostService hosts;
    private final TaskIngestionService ingestion;
    private final SignsOfLife signs;
    private final ConfigLedger ledger;
    private final ReplicationIngestionService replication;

    /** Wires the service. */
    public ProxmoxSyncService(ProxmoxPullConfig config, HostService hosts, TaskIngestionService ingestion,
                              SignsOfLife signs, ConfigLedger ledger, ReplicationIngestionService replication) {
        this.replication = replication;
        this.signs = signs;
        this.ledger = ledger;
        this.config = config;
        this.hosts = hosts;
        this.ingestion = ingestion;
    }

    /** The ids of hosts that have an API configured. */
    public Set<String> configuredHosts() {
        return config.hosts().keySet();
    }

    /**
     * Syncs a host now.
     *
     * @throws SyncNotConfiguredException when the host has no API configured
     * @throws SyncFailedException        when the API could not be read (recorded on the host)
     */
    public SyncOutcome sync(String hostId, EventMetadata metadata) {
        ProxmoxPullConfig.HostApi api = config.hosts().get(hostId);
        if (api == null) {
            throw new SyncNotConfiguredException(hostId);
        }
        String cluster = pulledCluster(hostId);
        if (cluster != null) {
            throw new PulledWithClusterException(hostId, cluster);
        }
        Instant now = Instant.now();
        try {
            Host host = hosts.find(hostId).orElseThrow(() -> new HostNotFoundException(hostId));
            long since = startCutoff(hostId, now);
            ProxmoxApiClient client = new ProxmoxApiClient(hostId, api, config.timeout());
            List<JsonNode> items = client.tasksSince(host.node(), since, config.pageSize());
            IngestionResult result = ingest(host, items, metadata);
            ProxmoxConfigReader.ApiSnapshot snapshot = new ProxmoxConfigReader(client).read(host.node());
            ConfigLedger.Outcome taken = ledger.record(hostId, EvidenceSource.PULL, snapshot.targets(),
                    snapshot::covers, metadata);
            ConfigSync configSync = new ConfigSync(taken.baselines(), taken.drifts(), taken.unchanged(),
                    snapshot.unreadable());
            ReplicationIngestionService.ReplicationResult replicated = replication(host, client, now, metadata);
            record(hostId, now, null, now.getEpochSecond());
            signs.seen(hostId, EvidenceSource.PULL);
            return new SyncOutcome(hostId, Instant.ofEpochSecond(since), items.size(), result, configSync, replicated);
        } catch (SyncFailedException e) {
            record(hostId, now, e.getMessage(), null);
            throw e;
        } catch (HostNotFoundException | IllegalStateException e) {
            record(hostId, now, e.getMessage(), null);
            throw new SyncFailedException(e.getMessage(), e);
        } catch (RuntimeException e) {
            record(hostId, now, "Ingesting what the API returned failed: " + e.getMessage(), null);
            throw e;
        }
    }

    /** The configured cluster the host is a member of, whose pull reads it, or null. */
    String pulledCluster(String hostId) {
        if (config.clusters().isEmpty()) {
            return null;
        }
        return hosts.find(hostId).map(Host::cluster).filter(config.clusters()::containsKey).orElse(null);
    }

    /** Ingests a host's task items in one transaction. */
    IngestionResult ingest(Host host, List<JsonNode> items, EventMetadata metadata) {
        if (items.isEmpty()) {
            return new IngestionResult(0, 0, 0, List.of());
        }
        List<LineOutcome<TaskFact>> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            outcomes.add(TaskJsonParser.parseItem(i + 1, items.get(i)));
        }
        try {
            return ingestion.ingest(host.id(), host.node(), outcomes, metadata);
        } catch (UnprocessableUploadException e) {
            throw new SyncFailedException("Every task the Proxmox API of host '" + host.id()
                    + "' returned was rejected: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the replication status of the host's node and records its runs and lags (ADR 0066), for the host's pull
     * and its cluster's alike. A node that does not serve the path (404, 501) or answers an empty list records
     * nothing; one whose token may not read it (403) neither.
     */
    ReplicationIngestionService.ReplicationResult replication(Host host, ProxmoxApiClient client, Instant readAt,
                                                              EventMetadata metadata) {
        JsonNode data = client.readable("/api2/json/nodes/" + host.node() + "/replication", true);
        if (data == null) {
            return ReplicationIngestionService.ReplicationResult.none();
        }
        if (!data.isArray()) {
            throw new SyncFailedException("The replication status of node '" + host.node() + "' (/nodes/"
                    + host.node() + "/replication) came without a \"data\" array.", null);
        }
        List<JsonNode> items = new ArrayList<>();
        data.forEach(items::add);
        return replication.ingest(host.id(), host.node(), items, readAt, config.replicationGrace(), metadata);
    }

    /** The start-time cutoff of a host's next sync: its last one's, less the overlap; the lookback at first. */
    long startCutoff(String hostId, Instant now) {
        Long synced = QuarkusTransaction.requiringNew().call(() -> {
            HostSyncReadModel status = HostSyncReadModel.findById(hostId);
            return status == null ? null : status.syncedSince;
        });
        long base = synced != null ? synced : now.minus(config.initialLookback()).getEpochSecond();
        return Math.max(0, base - config.overlap().toSeconds());
    }

    /** Records a host's sync outcome in its own transaction: success (error null) or the reason it failed. */
    void record(String hostId, Instant at, String error, Long syncedSince) {
        QuarkusTransaction.requiringNew().run(() -> {
            HostSyncReadModel status = HostSyncReadModel.findById(hostId);
            if (status == null) {
                status = new HostSyncReadModel();
                status.hostId = hostId;
                status.persist();
            }
            status.lastAttemptAt = at;
            if (error == null) {
                status.lastSuccessAt = at;
                status.syncedSince = syncedSince;
            } else {
                status.lastError = error;
                status.lastErrorAt = at;
            }
        });
    }
}
