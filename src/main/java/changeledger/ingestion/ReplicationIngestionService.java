package changeledger.ingestion;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.AppendResult;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records what one reading of a node's replication status ({@code GET /nodes/{node}/replication}, pve-manager
 * {@code PVE/API2/Replication.pm}, {@code status}) shows (ADR 0066): each job's last run that ended, as a
 * {@link ReplicationRunObserved}, and each job found lagging, as a {@link ReplicationLagObserved}. What was read
 * before adds nothing.
 */
@ApplicationScoped
public class ReplicationIngestionService {

    /** A job id: {@code <vmid>-<jobnum>} (pve-guest-common {@code PVE/ReplicationConfig.pm}). */
    private static final Pattern JOB_ID = Pattern.compile("[1-9][0-9]{2,8}-[0-9]{1,9}");

    /**
     * What a reading recorded.
     *
     * @param jobs       jobs the status listed
     * @param runs       runs recorded now
     * @param lags       lag readings recorded now
     * @param duplicates runs and lag readings that were already recorded
     * @param running    jobs running at the reading (their run is recorded once it ended)
     * @param skipped    items that are no job status (no id, guest or target), each with why
     */
    public record ReplicationResult(int jobs, int runs, int lags, int duplicates, int running, List<String> skipped) {

        /** A reading that recorded nothing: the node does not serve the status, or the token may not read it. */
        public static ReplicationResult none() {
            return new ReplicationResult(0, 0, 0, 0, 0, List.of());
        }
    }

    /**
     * One job's status as {@code status} lists it: its configuration ({@code id}, {@code guest}, {@code target},
     * {@code disable}) and its state (pve-guest-common {@code src/PVE/ReplicationState.pm}: {@code last_try},
     * {@code last_sync}, {@code duration}, {@code fail_count}, {@code error}), {@code next_sync}, and {@code pid}
     * while a run is in progress. Times are Unix seconds, 0 for never.
     */
    record JobStatus(String jobId, String guestId, String target, boolean disabled, long lastTry, long lastSync,
                     Double duration, int failCount, String error, long nextSync, boolean running) {
    }

    private final EventStore store;

    /** Wires the service. */
    public ReplicationIngestionService(EventStore store) {
        this.store = store;
    }

    /**
     * Records a reading of host {@code hostId}'s replication status, taken at {@code readAt}: a job whose
     * {@code next_sync} lies more than {@code grace} before it is overdue.
     */
    public ReplicationResult ingest(String hostId, String node, List<JsonNode> items, Instant readAt, Duration grace,
                                    EventMetadata metadata) {
        List<AppendRequest> appends = new ArrayList<>();
        Set<UUID> runIds = new HashSet<>();
        Set<UUID> lagIds = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        int running = 0;
        for (JsonNode item : items) {
            JobStatus job = parse(item, skipped);
            if (job == null) {
                continue;
            }
            if (job.running()) {
                running++;
            }
            ReplicationRunObserved run = run(hostId, node, job);
            if (run != null) {
                UUID id = EventIds.replicationRun(hostId, run.jobId(), run.lastTry());
                if (runIds.add(id)) {
                    appends.add(stream(ReplicationRunObserved.AGGREGATE_TYPE, hostId, id,
                            IngestionEventCodec.toNewEvent(run, id)));
                }
            }
            ReplicationLagObserved lag = lag(hostId, job, readAt, grace);
            if (lag != null) {
                UUID id = EventIds.replicationLag(lag);
                if (lagIds.add(id)) {
                    appends.add(stream(ReplicationLagObserved.AGGREGATE_TYPE, hostId, id,
                            IngestionEventCodec.toNewEvent(lag, id, readAt)));
                }
            }
        }
        int jobs = items.size() - skipped.size();
        if (appends.isEmpty()) {
            return new ReplicationResult(jobs, 0, 0, 0, running, List.copyOf(skipped));
        }
        EventMetadata withSource = IngestionSources.orDefault(metadata, "pve-replication");
        AppendResult appended = ConflictRetry.inNewTransaction(TaskIngestionService.ATTEMPTS,
                () -> store.appendAll(appends, withSource));
        int runs = 0;
        int lags = 0;
        for (AppendResult.Appended a : appended.appended()) {
            runs += runIds.contains(a.eventId()) ? 1 : 0;
            lags += lagIds.contains(a.eventId()) ? 1 : 0;
        }
        return new ReplicationResult(jobs, runs, lags, appended.duplicates().size(), running, List.copyOf(skipped));
    }

    /**
     * The run a job's status shows, or null: none while it never ran ({@code last_try} 0) or while a run is in
     * progress ({@code pid}: {@code record_job_start} has set the new {@code last_try}, but {@code duration},
     * {@code fail_count} and {@code error} are still the previous run's until {@code record_job_end}).
     */
    static ReplicationRunObserved run(String hostId, String node, JobStatus job) {
        if (job.lastTry() <= 0 || job.running()) {
            return null;
        }
        return new ReplicationRunObserved(hostId, node, job.jobId(), job.guestId(), job.target(),
                Instant.ofEpochSecond(job.lastTry()), seconds(job.lastSync()), job.duration(), job.failCount(),
                job.failCount() > 0 ? job.error() : null);
    }

    /**
     * The lag a reading at {@code readAt} shows, or null: a job is lagging when its last run failed
     * ({@code fail_count > 0}) or when its {@code next_sync} lies more than {@code grace} before the reading. A
     * disabled job is not run by Proxmox: it is never overdue.
     */
    static ReplicationLagObserved lag(String hostId, JobStatus job, Instant readAt, Duration grace) {
        boolean overdue = !job.disabled() && job.nextSync() > 0
                && Instant.ofEpochSecond(job.nextSync()).plus(grace).isBefore(readAt);
        if (job.failCount() <= 0 && !overdue) {
            return null;
        }
        return new ReplicationLagObserved(hostId, job.jobId(), job.guestId(), job.target(), seconds(job.lastTry()),
                seconds(job.lastSync()), seconds(job.nextSync()), Math.max(job.failCount(), 0),
                job.failCount() > 0 ? job.error() : null, overdue);
    }

    /** A status item, or null (with why in {@code skipped}) when it is no job's status. */
    static JobStatus parse(JsonNode item, List<String> skipped) {
        String id = text(item, "id");
        if (id == null || !JOB_ID.matcher(id).matches()) {
            skipped.add("A replication status item without a job id <vmid>-<jobnum> (\"id\": " + item.path("id")
                    + ") was skipped.");
            return null;
        }
        String guest = text(item, "guest");
        String target = text(item, "target");
        if (guest == null || target == null) {
            skipped.add("Replication job '" + id + "' was listed without its guest or target; it was skipped.");
            return null;
        }
        JsonNode duration = item.path("duration");
        return new JobStatus(id, guest, target, flag(item.path("disable")), item.path("last_try").asLong(0),
                item.path("last_sync").asLong(0), duration.isMissingNode() || duration.isNull() ? null
                : duration.asDouble(), item.path("fail_count").asInt(0), text(item, "error"),
                item.path("next_sync").asLong(0), item.hasNonNull("pid"));
    }

    private static AppendRequest stream(String aggregateType, String hostId, UUID id, NewEvent event) {
        return new AppendRequest(new AggregateRef(aggregateType, hostId + "/" + id), AppendRequest.NEW_STREAM,
                List.of(event));
    }

    private static Instant seconds(long epochSeconds) {
        return epochSeconds > 0 ? Instant.ofEpochSecond(epochSeconds) : null;
    }

    /** A Perl boolean as JSON gives it: {@code 1}, {@code "1"} or {@code true}. */
    private static boolean flag(JsonNode value) {
        return value.asBoolean(false) || value.asInt(0) != 0;
    }

    private static String text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
