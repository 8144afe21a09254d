package changeledger.changerequest;

import java.time.Instant;

/**
 * Events of the change request aggregate (stream {@code ChangeRequest} / the request id). Every event names the
 * request's host and target, so read models place it without the stream, and who acted (the API key), because the
 * four-eyes rule decides on it.
 */
public sealed interface ChangeRequestEvent {

    /** The aggregate type of change requests in the event store. */
    String AGGREGATE_TYPE = "ChangeRequest";

    /** The request. */
    String changeRequestId();

    /** The host the change is on. */
    String hostId();

    /** The target of the change on that host (see {@link changeledger.host.ChangeTarget}). */
    String target();

    /** When the step was taken. */
    Instant at();

    /** The id of the API key that took the step. */
    String byKeyId();

    /** The name of that key. */
    String by();

    /** A request was submitted. */
    record ChangeRequestSubmitted(String changeRequestId, String hostId, String target, String title,
                                  String description, Instant plannedStart, Instant plannedEnd, Risk risk,
                                  String rollbackPlan, Instant at, String byKeyId, String by)
            implements ChangeRequestEvent {
    }

    /** A request was approved; self-approved when the submitting key approved it, retroactive after its window. */
    record ChangeRequestApproved(String changeRequestId, String hostId, String target, String comment,
                                 boolean selfApproved, boolean retroactive, Instant at, String byKeyId, String by)
            implements ChangeRequestEvent {
    }

    /** A request was rejected. */
    record ChangeRequestRejected(String changeRequestId, String hostId, String target, String comment, Instant at,
                                 String byKeyId, String by) implements ChangeRequestEvent {
    }

    /** The work of a request started. */
    record ChangeRequestStarted(String changeRequestId, String hostId, String target, String comment, Instant at,
                                String byKeyId, String by) implements ChangeRequestEvent {
    }

    /** The work of a request was completed with an outcome. */
    record ChangeRequestCompleted(String changeRequestId, String hostId, String target, Outcome outcome, String note,
                                  Instant at, String byKeyId, String by) implements ChangeRequestEvent {
    }

    /** A request was withdrawn. */
    record ChangeRequestCancelled(String changeRequestId, String hostId, String target, String comment, Instant at,
                                  String byKeyId, String by) implements ChangeRequestEvent {
    }

    /** A request moved to a new window and waits for approval again. */
    record ChangeRequestRescheduled(String changeRequestId, String hostId, String target, Instant plannedStart,
                                    Instant plannedEnd, Instant previousStart, Instant previousEnd, String comment,
                                    Instant at, String byKeyId, String by) implements ChangeRequestEvent {
    }
}
