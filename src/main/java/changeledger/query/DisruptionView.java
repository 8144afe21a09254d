package changeledger.query;

import changeledger.projection.disruption.Disruption;
import java.time.Instant;

/**
 * A disruption window as the API shows it (DESIGN "Shapes"), plus its target, the task that ended it and the manual
 * entry it comes from.
 *
 * @param guest           the guest id, or null when the target is the node or a service
 * @param target          a guest id, {@code "node"} or {@code "service:<name>"}
 * @param start           when it began
 * @param end             when it ended; null while open
 * @param open            whether it is still open
 * @param durationMinutes its length in minutes to one decimal, up to now while open; 0 for a failed task
 * @param cause           the task type that caused it, or {@code "manual"}
 * @param causeUpid       the causing task's UPID, or null
 * @param causeEventId    the journal observation that caused it ({@code GuestStopObserved}, {@code GuestKilledObserved},
 *                        {@code NodeBootObserved}) or the Proxmox fencing notification, or null
 * @param closedByUpid    the UPID of the task that ended it (a start, a destroy, a migration), or null
 * @param entryId         the manual entry's id, or null
 * @param failed          a failed task: listed, zero length, not a disruption
 * @param planned         whether an approved change request covers it
 * @param changeRequestId the covering change request, or null
 * @param migration       a migration, on the source host
 * @param closedBy        what ended a stop window: the type of the task that did ({@code qmstart}, {@code qmdestroy},
 *                        {@code qmtemplate}...) or {@code "retire"}; null while open and for a task's own window
 * @param closedByEntryId the {@code retire} entry that ended it, or null
 * @param interrupted     a task that never finished, cut off by a restart of its node: it ends at the first task
 *                        after the restart
 */
public record DisruptionView(String guest, String target, Instant start, Instant end, boolean open,
                             double durationMinutes, String cause, String causeUpid, String causeEventId,
                             String closedByUpid,
                             String entryId, boolean failed, boolean planned, String changeRequestId,
                             boolean migration, String closedBy, String closedByEntryId, boolean interrupted) {

    /** The view of a window at {@code now}, with its coverage by a change request. */
    public static DisruptionView of(Disruption window, Instant now, boolean planned, String changeRequestId) {
        double minutes = window.failed() ? 0 : Disruption.minutes(window.duration(now));
        return new DisruptionView(window.guest(), window.target(), window.start(), window.end(), window.open(),
                minutes, window.cause(), window.taskUpid(), window.causeEventId(), window.closedByUpid(), window.entryId(), window.failed(),
                planned, changeRequestId, window.migration(), window.closedBy(), window.closedByEntryId(),
                window.interrupted());
    }
}
