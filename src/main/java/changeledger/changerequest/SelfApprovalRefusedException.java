package changeledger.changerequest;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;

/** The key that submitted a request tried to approve it while four-eyes approval is enforced (403). */
public class SelfApprovalRefusedException extends ProblemException {

    /** Creates the exception for a request and the key that submitted it. */
    public SelfApprovalRefusedException(String id, String keyName) {
        super(Fault.of(403, "Four-eyes approval", "Change request " + id
                + " was submitted with the key '" + keyName + "', which may not approve it: another approver's key "
                + "must. Where one person runs everything, set changeledger.change-requests.allow-self-approval=true; "
                + "such approvals are marked selfApproved."));
    }
}
