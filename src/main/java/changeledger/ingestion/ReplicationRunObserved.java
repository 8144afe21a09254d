package changeledger.ingestion;

import java.time.Instant;
import java.util.Objects;

/**
 * A storage replication run ({@code pvesr}) read from a node's replication status (ADR 0066): Proxmox runs it from
 * {@code pvescheduler} without a worker task, so it has no UPID. One run is one {@code last_try} of a job; the event id
 * is name-based on host, job and {@code last_try}, so the same run read again, by the host's pull or its cluster's, is
 * one event. One stream per run, {@code <hostId>/<eventId>}.
 *
 * @param hostId          the host whose node ran it
 * @param node            the host's Proxmox node name when it was read
 * @param jobId           the job, {@code <vmid>-<jobnum>}
 * @param guestId         the replicated guest
 * @param target          the node it replicates to
 * @param lastTry         when the run started ({@code last_try})
 * @param lastSync        when the last run that succeeded started ({@code last_sync}); this one's start when it
 *                        succeeded, null when no run ever succeeded
 * @param durationSeconds how long it ran ({@code duration}), null when the status had none
 * @param failCount       failed runs in a row, this one included ({@code fail_count}); 0 when it succeeded
 * @param error           why it failed ({@code error}), null when it succeeded
 */
public record ReplicationRunObserved(String hostId, String node, String jobId, String guestId, String target,
                                     Instant lastTry, Instant lastSync, Double durationSeconds, int failCount,
                                     String error) {

    /** The event type stored in the event table. */
    public static final String TYPE = "ReplicationRunObserved";

    /** The aggregate type of replication run streams. */
    public static final String AGGREGATE_TYPE = "ReplicationRun";

    /** The task type of replication runs in the task view: no Proxmox task type, a row of its own kind. */
    public static final String TASK_TYPE = "replication";

    /** Who runs replication: {@code pvescheduler}, as root. */
    public static final String RUN_BY = "root@pam";

    /** Checks what every run has. */
    public ReplicationRunObserved {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(lastTry, "lastTry");
    }

    /** Whether it failed: an error, or a failure count. */
    public boolean failed() {
        return error != null || failCount > 0;
    }

    /** The key of its row in the task view in place of a UPID: {@code <jobId>@<last_try in Unix seconds>}. */
    public static String key(String jobId, Instant lastTry) {
        return jobId + "@" + lastTry.getEpochSecond();
    }

    /** Its status in the task view: {@code OK}, or the error. */
    public static String status(boolean failed, String error) {
        return !failed ? "OK" : error != null ? error : "replication failed";
    }
}
