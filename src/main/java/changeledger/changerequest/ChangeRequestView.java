package changeledger.changerequest;

import java.time.Instant;
import java.util.List;

/**
 * A change request as the API shows it: the submitted fields, where it stands, its history and the observed
 * changes it covers.
 *
 * @param id               the request id
 * @param hostId           the host
 * @param target           the target on the host
 * @param title            the title
 * @param description      the description, or null
 * @param plannedStart     the planned window's start
 * @param plannedEnd       the planned window's end
 * @param risk             low, medium or high
 * @param rollbackPlan     the rollback plan, or null
 * @param status           the status
 * @param outcome          the outcome once completed, else null
 * @param submittedAt      when it was submitted
 * @param submittedBy      the name of the key that submitted it
 * @param submittedByKeyId the id of that key
 * @param selfApproved     whether the submitting key approved it
 * @param retroactive      whether it was approved after its window had ended
 * @param history          every step, oldest first
 * @param linkedChanges    the observed changes it covers, by occurrence
 */
public record ChangeRequestView(String id, String hostId, String target, String title, String description,
                                Instant plannedStart, Instant plannedEnd, Risk risk, String rollbackPlan,
                                ChangeRequestStatus status, Outcome outcome, Instant submittedAt, String submittedBy,
                                String submittedByKeyId, boolean selfApproved, boolean retroactive,
                                List<HistoryEntry> history, List<LinkedChange> linkedChanges) {

    /** The view of a request with its linked changes. */
    public static ChangeRequestView of(ChangeRequest r, List<LinkedChange> linkedChanges) {
        return new ChangeRequestView(r.id(), r.hostId(), r.target(), r.title(), r.description(), r.plannedStart(),
                r.plannedEnd(), r.risk(), r.rollbackPlan(), r.status(), r.outcome(), r.submittedAt(), r.submittedBy(),
                r.submittedByKeyId(), r.selfApproved(), r.retroactive(), r.history(), linkedChanges);
    }
}
