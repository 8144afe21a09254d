package changeledger.changerequest;

import java.time.Instant;

/** Commands of the change request aggregate: one per workflow step. */
public sealed interface ChangeRequestCommand {

    /** The request the command is for. */
    String changeRequestId();

    /** Submit a new request for a change on a host. */
    record SubmitChangeRequest(String changeRequestId, String hostId, String target, String title,
                               String description, Instant plannedStart, Instant plannedEnd, Risk risk,
                               String rollbackPlan) implements ChangeRequestCommand {
    }

    /** Approve a submitted request (four-eyes: not with the key that submitted it). */
    record ApproveChangeRequest(String changeRequestId, String comment) implements ChangeRequestCommand {
    }

    /** Reject a submitted request, saying why. */
    record RejectChangeRequest(String changeRequestId, String comment) implements ChangeRequestCommand {
    }

    /** Start the work of an approved request. */
    record StartChangeRequest(String changeRequestId, String comment) implements ChangeRequestCommand {
    }

    /** Complete a started request with its outcome. */
    record CompleteChangeRequest(String changeRequestId, Outcome outcome, String note) implements ChangeRequestCommand {
    }

    /** Withdraw a request that has not started. */
    record CancelChangeRequest(String changeRequestId, String comment) implements ChangeRequestCommand {
    }

    /** Move a request that has not started to a new window; it needs approval again. */
    record RescheduleChangeRequest(String changeRequestId, Instant plannedStart, Instant plannedEnd, String comment)
            implements ChangeRequestCommand {
    }
}
