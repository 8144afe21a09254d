package changeledger.projection.disruption;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One disruption window of a host (PROXMOX.md "Disruption windows").
 *
 * @param hostId       the host
 * @param target       what was disrupted: a guest id, {@code "node"}, {@code "service:<name>"} (or a manual entry's target)
 * @param guest        the guest id when the target is a guest, else null
 * @param start        when it began
 * @param end          when it ended, or null while it is open
 * @param cause        the task type that caused it, or {@code "manual"}
 * @param causeUpid    the UPID of that task, or null for a manual entry
 * @param closedByUpid the UPID of the task that ended it when another task did (a start, a destroy), else null
 * @param entryId      the manual entry's id, or null for a task
 * @param failed       a failed task: listed for evidence, zero length, never a disruption
 * @param migration    a migration (on the source host)
 * @param untilStart   a stop window: open until the target starts again (or a destroy, migration, template or
 *                     {@code retire} entry ends it), not a task's own span
 * @param closedBy     what ended a stop window: the type of the task that did ({@code qmstart}, {@code qmdestroy},
 *                     {@code qmtemplate}...) or {@code "retire"}; null while open and for every other window
 * @param closedByEntryId the {@code retire} entry that ended it, else null
 * @param interrupted  a task that never finished and whose node restarted since: it ends at the first task after the
 *                     restart instead of never
 */
public record Disruption(String hostId, String target, String guest, Instant start, Instant end, String cause,
                         String causeUpid, String closedByUpid, String entryId, boolean failed, boolean migration,
                         boolean untilStart, String closedBy, String closedByEntryId, boolean interrupted) {

    /** What {@link #closedBy} says when a {@code retire} entry ended the window. */
    public static final String RETIRE = "retire";

    /** The cause of a manual entry's window. */
    public static final String MANUAL = "manual";

    /** Validates the window. */
    public Disruption {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(cause, "cause");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("a window cannot end (" + end + ") before it starts (" + start + ")");
        }
    }

    /** A window that is not a stop window, nor closed by anything, nor interrupted. */
    public Disruption(String hostId, String target, String guest, Instant start, Instant end, String cause,
                      String causeUpid, String closedByUpid, String entryId, boolean failed, boolean migration) {
        this(hostId, target, guest, start, end, cause, causeUpid, closedByUpid, entryId, failed, migration, false,
                null, null, false);
    }

    /** Whether it is still open. */
    public boolean open() {
        return end == null;
    }

    /** Its key among the host's windows: the causing UPID, or {@code entry:<entryId>}. */
    public String key() {
        return causeUpid != null ? causeUpid : entryKey(entryId);
    }

    /**
     * The UPID of the task that caused it, or null for a manual entry's window and one that an event caused (a journal
     * observation, a Proxmox notification).
     */
    public String taskUpid() {
        return causeUpid != null && causeEventId() == null ? causeUpid : null;
    }

    /**
     * The id of the event that caused it: a journal observation ({@code GuestStopObserved}, ...) or a Proxmox fencing
     * notification; else null.
     */
    public String causeEventId() {
        return DisruptionTask.eventIdOf(causeUpid);
    }

    /** The key of a manual entry's window. */
    static String entryKey(String entryId) {
        return "entry:" + entryId;
    }

    /** Its length, an open window counted up to {@code now} (never negative). */
    public Duration duration(Instant now) {
        Instant until = end != null ? end : now;
        return until.isAfter(start) ? Duration.between(start, until) : Duration.ZERO;
    }

    /** Whether it overlaps {@code [from, to)} (null: unbounded); a zero-length window overlaps where it lies. */
    public boolean overlaps(Instant from, Instant to) {
        if (to != null && !start.isBefore(to)) {
            return false;
        }
        return from == null || end == null || end.isAfter(from) || !start.isBefore(from);
    }

    /** Minutes to one decimal, half up. */
    public static double minutes(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).divide(BigDecimal.valueOf(60_000), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
