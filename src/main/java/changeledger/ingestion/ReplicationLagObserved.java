package changeledger.ingestion;

import java.time.Instant;
import java.util.Objects;

/**
 * A reading of a node's replication status that found a job lagging behind its schedule (ADR 0066): its last run
 * failed ({@code fail_count > 0}), or its {@code next_sync} lay more than the grace in the past. The event id is
 * name-based on the host and every field, so the same state read again adds nothing and a changed one (another run,
 * another failure count, another {@code next_sync}) is a new reading; the event occurs at the first reading that saw
 * the state. One stream per reading, {@code <hostId>/<eventId>}.
 *
 * @param hostId   the host whose node holds the job
 * @param jobId    the job, {@code <vmid>-<jobnum>}
 * @param guestId  the replicated guest
 * @param target   the node it replicates to
 * @param lastTry  the start of its last run, null when it never ran
 * @param lastSync the start of its last run that succeeded, null when none did: the replica is as old as this
 * @param nextSync when Proxmox will run it next ({@code next_sync}), null when Proxmox gave none (0: a failed job whose
 *                 target is offline is not retried)
 * @param failCount failed runs in a row
 * @param error    why the last run failed, or null
 * @param overdue  whether its {@code next_sync} had passed by more than the grace
 */
public record ReplicationLagObserved(String hostId, String jobId, String guestId, String target, Instant lastTry,
                                     Instant lastSync, Instant nextSync, int failCount, String error,
                                     boolean overdue) {

    /** The event type stored in the event table. */
    public static final String TYPE = "ReplicationLagObserved";

    /** The aggregate type of lag reading streams. */
    public static final String AGGREGATE_TYPE = "ReplicationLag";

    /** Checks what every reading has. */
    public ReplicationLagObserved {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(jobId, "jobId");
    }
}
