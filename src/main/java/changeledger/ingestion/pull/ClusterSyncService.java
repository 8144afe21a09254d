package changeledger.ingestion.pull;

import changeledger.config.ConfigLedger;
import changeledger.eventstore.EventMetadata;
import changeledger.evidence.EvidenceSource;
import changeledger.evidence.SignsOfLife;
import changeledger.host.Host;
import changeledger.host.HostService;
import changeledger.ingestion.IngestionResult;
import changeledger.ingestion.ReplicationIngestionService;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pull for a whole cluster (ADR 0064): one address answers (the configured one, else the first fallback that
 * can be reached), and through it {@code /cluster/tasks}, each member's {@code /nodes/{node}/tasks},
 * {@code /cluster/resources?type=vm} and the configuration are read once. Every task goes to the member host whose
 * {@code node} is the node in its UPID; a task of a node that is no member host is stored for no host, and the
 * cluster's sync status says so. A member that cannot be read is reported on it and on the cluster; the others are
 * still read. What every member shares is recorded once, on the cluster's recording member (the member with the
 * lowest host id).
 */
@ApplicationScoped
public class ClusterSyncService {

    /**
     * What one cluster sync did.
     *
     * @param cluster      the cluster
     * @param answeredBy   the address that answered
     * @param clusterTasks items {@code /cluster/tasks} returned
     * @param members      per member host, what was read and stored
     * @param notMembers   per node that is no member host: tasks and guests that were stored for no host
     * @param problems     what the sync could not do, each a sentence (also in the cluster's sync status)
     */
    public record ClusterSyncOutcome(String cluster, String answeredBy, int clusterTasks, List<MemberSync> members,
                                     List<NotMember> notMembers, List<String> problems) {
    }

    /**
     * One member's part of a cluster sync.
     *
     * @param hostId the member host
     * @param node   its node name
     * @param since  the start-time cutoff asked of its node's task list
     * @param items  distinct task items routed to it (from its node's list and from {@code /cluster/tasks})
     * @param result what ingestion made of them, null when nothing was routed to it
     * @param guests guests {@code /cluster/resources} places on its node
     * @param config what its configuration snapshot added, null when it could not be read
     * @param error  why its node could not be read, or null
     * @param replication what its node's replication status added (ADR 0066), null when it could not be read
     */
    public record MemberSync(String hostId, String node, Instant since, int items, IngestionResult result, int guests,
                             ProxmoxSyncService.ConfigSync config, String error,
                             ReplicationIngestionService.ReplicationResult replication) {
    }

    /**
     * A node the cluster API answered for that is no member host.
     *
     * @param node   the node
     * @param tasks  its task items, not stored
     * @param guests guests placed on it, not recorded
     */
    public record NotMember(String node, int tasks, int guests) {
    }

    private final ProxmoxPullConfig config;
    private final HostService hosts;
    private final ProxmoxSyncService hostSync;
    private final SignsOfLife signs;
    private final ConfigLedger ledger;

    /** Wires the service. */
    public ClusterSyncService(ProxmoxPullConfig config, HostService hosts, ProxmoxSyncService hostSync,
                              SignsOfLife signs, ConfigLedger ledger) {
        this.config = config;
        this.hosts = hosts;
        this.hostSync = hostSync;
        this.signs = signs;
        this.ledger = ledger;
    }

    /** The names of clusters that have an API configured. */
    public Set<String> configuredClusters() {
        return config.clusters().keySet();
    }

    /** The member hosts of a cluster now (hosts whose {@code cluster} is its name), by host id. */
    public List<Host> members(String cluster) {
        return hosts.list().stream().filter(host -> cluster.equals(host.cluster()))
                .sorted(Comparator.comparing(Host::id)).toList();
    }

    /**
     * Syncs a cluster now.
     *
     * @throws ClusterNotConfiguredException  when the cluster has no API configured
     * @throws ClusterWithoutMembersException when no host is a member of it
     * @throws SyncFailedException            when no address answered, or it refused the token (recorded)
     */
    public ClusterSyncOutcome sync(String cluster, EventMetadata metadata) {
        ProxmoxPullConfig.ClusterApi api = config.clusters().get(cluster);
        String key = "changeledger.proxmox.clusters." + cluster;
        if (api == null) {
            throw new ClusterNotConfiguredException(cluster);
        }
        Instant now = Instant.now();
        List<Host> members = members(cluster);
        if (members.isEmpty()) {
            String error = ClusterWithoutMembersException.reason(cluster);
            recordCluster(cluster, now, null, List.of(), error);
            throw new ClusterWithoutMembersException(error);
        }
        List<String> problems = new ArrayList<>();
        ProxmoxApiClient client = null;
        List<JsonNode> clusterTasks = null;
        String answeredBy = null;
        List<String> addresses = new ArrayList<>();
        addresses.add(api.baseUrl());
        addresses.addAll(api.fallbackUrls().orElse(List.of()));
        try {
            for (String address : addresses) {
                ProxmoxApiClient candidate = new ProxmoxApiClient(key, "cluster '" + cluster + "' at " + address,
                        address, api, config.timeout());
                try {
                    clusterTasks = candidate.list("/api2/json/cluster/tasks");
                    client = candidate;
                    answeredBy = address;
                    break;
                } catch (ApiUnreachableException e) {
                    problems.add("Address " + address + " could not be reached: " + e.getMessage());
                }
            }
            if (client == null) {
                throw new SyncFailedException("No address of cluster '" + cluster + "' answered. "
                        + String.join(" ", problems), null);
            }
        } catch (SyncFailedException e) {
            recordCluster(cluster, now, null, problems, e.getMessage());
            for (Host member : members) {
                hostSync.record(member.id(), now, "The pull of cluster '" + cluster + "' failed: " + e.getMessage(),
                        null);
            }
            throw e;
        }

        ClusterRouting routing = new ClusterRouting(members);
        Map<String, Long> cutoffs = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Host member : members) {
            long since = hostSync.startCutoff(member.id(), now);
            cutoffs.put(member.id(), since);
            try {
                routing.tasks(client.tasksSince(member.node(), since, config.pageSize()));
            } catch (SyncFailedException e) {
                errors.put(member.id(), "Node '" + member.node() + "' of cluster '" + cluster
                        + "' could not be read: " + e.getMessage());
            }
        }
        routing.tasks(clusterTasks);
        boolean guestsRead = true;
        try {
            routing.guests(client.list("/api2/json/cluster/resources?type=vm"));
        } catch (SyncFailedException e) {
            guestsRead = false;
            problems.add("The guests and where they run (/cluster/resources) could not be read: " + e.getMessage());
        }

        ProxmoxConfigReader.ApiSnapshot shared;
        try {
            shared = new ProxmoxConfigReader(client).readCluster();
        } catch (SyncFailedException e) {
            shared = ProxmoxConfigReader.ApiSnapshot.nothing();
            problems.add("The cluster-wide configuration could not be read: " + e.getMessage());
        }
        String recording = members.get(0).id();

        List<MemberSync> outcomes = new ArrayList<>();
        for (Host member : members) {
            outcomes.add(member(member, routing.tasksOf(member), guestsRead ? routing.guestsOf(member) : null,
                    member.id().equals(recording) ? shared : null, cutoffs.get(member.id()), client, errors, now,
                    metadata));
        }
        List<NotMember> strangers = routing.notMembers();
        for (NotMember stranger : strangers) {
            problems.add("Node '" + stranger.node() + "' is not a member host of cluster '" + cluster + "' (no host "
                    + "with node '" + stranger.node() + "' has cluster '" + cluster + "'): " + stranger.tasks()
                    + " task(s) and " + stranger.guests() + " guest(s) of it were not stored. Register its host and "
                    + "join it to the cluster.");
        }
        errors.values().forEach(problems::add);
        recordCluster(cluster, now, answeredBy, problems, null);
        return new ClusterSyncOutcome(cluster, answeredBy, clusterTasks.size(), outcomes, strangers, problems);
    }

    private MemberSync member(Host member, List<JsonNode> items, List<JsonNode> guests,
                              ProxmoxConfigReader.ApiSnapshot shared, long since, ProxmoxApiClient client,
                              Map<String, String> errors, Instant now, EventMetadata metadata) {
        IngestionResult result = null;
        if (!items.isEmpty()) {
            try {
                result = hostSync.ingest(member, items, metadata);
            } catch (SyncFailedException e) {
                errors.merge(member.id(), e.getMessage(), (a, b) -> a + " " + b);
            }
        }
        ProxmoxConfigReader.ApiSnapshot snapshot = ProxmoxConfigReader.ApiSnapshot.nothing();
        if (!errors.containsKey(member.id())) {
            try {
                snapshot = new ProxmoxConfigReader(client).readMember(member.node(), guests);
            } catch (SyncFailedException e) {
                errors.put(member.id(), "The configuration of node '" + member.node() + "' could not be read: "
                        + e.getMessage());
            }
        }
        if (shared != null) {
            snapshot = snapshot.and(shared);
        }
        ProxmoxSyncService.ConfigSync configSync = null;
        if (!snapshot.uncovered().containsAll(ProxmoxConfigReader.ApiSnapshot.nothing().uncovered())) {
            ConfigLedger.Outcome taken = ledger.record(member.id(), EvidenceSource.PULL, snapshot.targets(),
                    snapshot::covers, metadata);
            configSync = new ProxmoxSyncService.ConfigSync(taken.baselines(), taken.drifts(), taken.unchanged(),
                    snapshot.unreadable());
        }
        ReplicationIngestionService.ReplicationResult replicated = null;
        if (!errors.containsKey(member.id())) {
            try {
                replicated = hostSync.replication(member, client, now, metadata);
            } catch (SyncFailedException e) {
                errors.put(member.id(), "The replication status of node '" + member.node() + "' could not be read: "
                        + e.getMessage());
            }
        }
        String error = errors.get(member.id());
        if (error == null) {
            hostSync.record(member.id(), now, null, now.getEpochSecond());
            signs.seen(member.id(), EvidenceSource.PULL);
        } else {
            hostSync.record(member.id(), now, error, null);
        }
        return new MemberSync(member.id(), member.node(), Instant.ofEpochSecond(since), items.size(), result,
                guests == null ? 0 : guests.size(), configSync, error, replicated);
    }

    private static void recordCluster(String cluster, Instant at, String answeredBy, List<String> problems,
                                      String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            ClusterSyncReadModel status = ClusterSyncReadModel.findById(cluster);
            if (status == null) {
                status = new ClusterSyncReadModel();
                status.cluster = cluster;
                status.problems = List.of();
                status.persist();
            }
            status.lastAttemptAt = at;
            status.problems = List.copyOf(problems);
            if (error == null) {
                status.lastSuccessAt = at;
                status.answeredBy = answeredBy;
            } else {
                status.lastError = error;
                status.lastErrorAt = at;
            }
        });
    }
}
