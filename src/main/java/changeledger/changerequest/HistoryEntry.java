package changeledger.changerequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step in a request's history; fields that do not apply to the step are left out.
 *
 * @param at            when
 * @param action        submitted, approved, rejected, started, completed, cancelled or rescheduled
 * @param by            the name of the key that took the step
 * @param byKeyId       its id
 * @param comment       the comment given with the step
 * @param outcome       the outcome of a completion
 * @param note          the note of a completion
 * @param plannedStart  the new window's start of a reschedule
 * @param plannedEnd    the new window's end of a reschedule
 * @param selfApproved  on an approval: whether the submitting key approved
 * @param retroactive   on an approval: whether it came after the planned window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(Instant at, String action, String by, String byKeyId, String comment, Outcome outcome,
                           String note, Instant plannedStart, Instant plannedEnd, Boolean selfApproved,
                           Boolean retroactive) {

    /** A step with at most a comment. */
    static HistoryEntry of(ChangeRequestEvent event, String action, String comment) {
        return new HistoryEntry(event.at(), action, event.by(), event.byKeyId(), comment, null, null, null, null,
                null, null);
    }
}
