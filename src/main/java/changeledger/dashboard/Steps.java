package changeledger.dashboard;

import changeledger.changerequest.ChangeRequestStatus;
import changeledger.changerequest.ChangeRequestView;
import changeledger.security.Caller;
import changeledger.security.Role;

/**
 * The workflow buttons a request's page shows: those the key's role and the request's status allow (DESIGN
 * "Change requests"). Four-eyes: the submitting key sees no approve button unless self-approval is allowed, and
 * then the button says it is a self-approval.
 *
 * @param approve      approve (approver, submitted)
 * @param reject       reject (approver, submitted)
 * @param start        start (submitter, approved)
 * @param complete     complete (submitter, in progress)
 * @param cancel       cancel (submitter, submitted or approved)
 * @param reschedule   reschedule (submitter, submitted or approved)
 * @param ownRequest   the key submitted this request
 * @param selfApproval approving would be a self-approval
 */
public record Steps(boolean approve, boolean reject, boolean start, boolean complete, boolean cancel,
                    boolean reschedule, boolean ownRequest, boolean selfApproval) {

    static Steps of(ChangeRequestView request, Caller caller, boolean selfApprovalAllowed) {
        boolean approver = Pages.has(caller, Role.APPROVE);
        boolean submitter = Pages.has(caller, Role.SUBMIT);
        ChangeRequestStatus status = request.status();
        boolean submitted = status == ChangeRequestStatus.SUBMITTED;
        boolean notStarted = submitted || status == ChangeRequestStatus.APPROVED;
        boolean own = caller.keyId().equals(request.submittedByKeyId());
        boolean approve = approver && submitted && (!own || selfApprovalAllowed);
        return new Steps(approve, approver && submitted, submitter && status == ChangeRequestStatus.APPROVED,
                submitter && status == ChangeRequestStatus.IN_PROGRESS, submitter && notStarted,
                submitter && notStarted, own, approve && own);
    }

    /** Whether any button is shown. */
    public boolean any() {
        return approve || reject || start || complete || cancel || reschedule;
    }
}
