package changeledger.changerequest;

import changeledger.changerequest.ChangeRequestCommand.ApproveChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.CancelChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.CompleteChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.RejectChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.RescheduleChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.StartChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.SubmitChangeRequest;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestApproved;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestCancelled;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestCompleted;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestRejected;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestRescheduled;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestStarted;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestSubmitted;
import changeledger.domain.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The state of one change request and its pure decide/evolve functions.
 *
 * @param id               the request id (null before submission)
 * @param hostId           the host of the change
 * @param target           what on the host changes (see {@link changeledger.host.ChangeTarget})
 * @param title            a one-line title
 * @param description      what will be done, or null
 * @param plannedStart     the planned window's start (inclusive)
 * @param plannedEnd       the planned window's end (exclusive)
 * @param risk             the declared risk
 * @param rollbackPlan     how to undo it, or null
 * @param status           where it stands
 * @param submittedAt      when it was submitted
 * @param submittedBy      the name of the key that submitted it
 * @param submittedByKeyId the id of that key
 * @param selfApproved     whether the current approval came from the submitting key
 * @param retroactive      whether the current approval came after the planned window had ended
 * @param outcome          the outcome once completed, else null
 * @param history          every step, oldest first
 */
public record ChangeRequest(String id, String hostId, String target, String title, String description,
                            Instant plannedStart, Instant plannedEnd, Risk risk, String rollbackPlan,
                            ChangeRequestStatus status, Instant submittedAt, String submittedBy,
                            String submittedByKeyId, boolean selfApproved, boolean retroactive, Outcome outcome,
                            List<HistoryEntry> history) {

    /** Before the first event. */
    public static final ChangeRequest NONE = new ChangeRequest(null, null, null, null, null, null, null, null, null,
            null, null, null, null, false, false, null, List.of());

    /** Copies the history. */
    public ChangeRequest {
        history = List.copyOf(history);
    }

    /** Whether the request has been submitted. */
    public boolean exists() {
        return id != null;
    }

    /**
     * The events a command causes; an empty list when it changes nothing (a reschedule to the same window).
     *
     * @param allowSelfApproval whether the submitting key may approve (changeledger.change-requests.allow-self-approval)
     * @throws ChangeRequestNotFoundException for a step on a request that was never submitted
     * @throws WrongStepException             for a step the current status does not allow
     * @throws SelfApprovalRefusedException   when the submitting key approves and self-approval is not allowed
     */
    public static List<ChangeRequestEvent> decide(ChangeRequestCommand command, ChangeRequest state, Actor actor,
                                                  Instant now, boolean allowSelfApproval) {
        if (command instanceof SubmitChangeRequest submit) {
            if (state.exists()) {
                throw ProblemException.conflict("Change request " + submit.changeRequestId() + " already exists.");
            }
            requireWindow(submit.plannedStart(), submit.plannedEnd());
            return List.of(new ChangeRequestSubmitted(submit.changeRequestId(), submit.hostId(), submit.target(),
                    submit.title(), submit.description(), submit.plannedStart(), submit.plannedEnd(), submit.risk(),
                    submit.rollbackPlan(), now, actor.keyId(), actor.name()));
        }
        if (!state.exists()) {
            throw new ChangeRequestNotFoundException(command.changeRequestId());
        }
        if (command instanceof ApproveChangeRequest approve) {
            state.require("approve", ChangeRequestStatus.SUBMITTED);
            boolean self = actor.keyId().equals(state.submittedByKeyId());
            if (self && !allowSelfApproval) {
                throw new SelfApprovalRefusedException(state.id(), state.submittedBy());
            }
            return List.of(new ChangeRequestApproved(state.id(), state.hostId(), state.target(), approve.comment(),
                    self, !now.isBefore(state.plannedEnd()), now, actor.keyId(), actor.name()));
        }
        if (command instanceof RejectChangeRequest reject) {
            state.require("reject", ChangeRequestStatus.SUBMITTED);
            return List.of(new ChangeRequestRejected(state.id(), state.hostId(), state.target(), reject.comment(), now,
                    actor.keyId(), actor.name()));
        }
        if (command instanceof StartChangeRequest start) {
            state.require("start", ChangeRequestStatus.APPROVED);
            return List.of(new ChangeRequestStarted(state.id(), state.hostId(), state.target(), start.comment(), now,
                    actor.keyId(), actor.name()));
        }
        if (command instanceof CompleteChangeRequest complete) {
            state.require("complete", ChangeRequestStatus.IN_PROGRESS);
            return List.of(new ChangeRequestCompleted(state.id(), state.hostId(), state.target(), complete.outcome(),
                    complete.note(), now, actor.keyId(), actor.name()));
        }
        if (command instanceof CancelChangeRequest cancel) {
            state.require("cancel", ChangeRequestStatus.SUBMITTED, ChangeRequestStatus.APPROVED);
            return List.of(new ChangeRequestCancelled(state.id(), state.hostId(), state.target(), cancel.comment(), now,
                    actor.keyId(), actor.name()));
        }
        RescheduleChangeRequest reschedule = (RescheduleChangeRequest) command;
        state.require("reschedule", ChangeRequestStatus.SUBMITTED, ChangeRequestStatus.APPROVED);
        requireWindow(reschedule.plannedStart(), reschedule.plannedEnd());
        if (reschedule.plannedStart().equals(state.plannedStart()) && reschedule.plannedEnd().equals(state.plannedEnd())) {
            return List.of();
        }
        return List.of(new ChangeRequestRescheduled(state.id(), state.hostId(), state.target(),
                reschedule.plannedStart(), reschedule.plannedEnd(), state.plannedStart(), state.plannedEnd(),
                reschedule.comment(), now, actor.keyId(), actor.name()));
    }

    /** The state after an event. */
    public static ChangeRequest evolve(ChangeRequest state, ChangeRequestEvent event) {
        if (event instanceof ChangeRequestSubmitted s) {
            return new ChangeRequest(s.changeRequestId(), s.hostId(), s.target(), s.title(), s.description(),
                    s.plannedStart(), s.plannedEnd(), s.risk(), s.rollbackPlan(), ChangeRequestStatus.SUBMITTED, s.at(),
                    s.by(), s.byKeyId(), false, false, null, List.of(HistoryEntry.of(s, "submitted", null)));
        }
        if (event instanceof ChangeRequestApproved a) {
            return state.step(ChangeRequestStatus.APPROVED, a.selfApproved(), a.retroactive(), state.outcome,
                    new HistoryEntry(a.at(), "approved", a.by(), a.byKeyId(), a.comment(), null, null, null, null,
                            a.selfApproved(), a.retroactive()));
        }
        if (event instanceof ChangeRequestRejected r) {
            return state.step(ChangeRequestStatus.REJECTED, state.selfApproved, state.retroactive, state.outcome,
                    HistoryEntry.of(r, "rejected", r.comment()));
        }
        if (event instanceof ChangeRequestStarted s) {
            return state.step(ChangeRequestStatus.IN_PROGRESS, state.selfApproved, state.retroactive, state.outcome,
                    HistoryEntry.of(s, "started", s.comment()));
        }
        if (event instanceof ChangeRequestCompleted c) {
            return state.step(ChangeRequestStatus.COMPLETED, state.selfApproved, state.retroactive, c.outcome(),
                    new HistoryEntry(c.at(), "completed", c.by(), c.byKeyId(), null, c.outcome(), c.note(), null, null,
                            null, null));
        }
        if (event instanceof ChangeRequestCancelled c) {
            return state.step(ChangeRequestStatus.CANCELLED, state.selfApproved, state.retroactive, state.outcome,
                    HistoryEntry.of(c, "cancelled", c.comment()));
        }
        ChangeRequestRescheduled r = (ChangeRequestRescheduled) event;
        List<HistoryEntry> history = new ArrayList<>(state.history);
        history.add(new HistoryEntry(r.at(), "rescheduled", r.by(), r.byKeyId(), r.comment(), null, null,
                r.plannedStart(), r.plannedEnd(), null, null));
        return new ChangeRequest(state.id, state.hostId, state.target, state.title, state.description,
                r.plannedStart(), r.plannedEnd(), state.risk, state.rollbackPlan, ChangeRequestStatus.SUBMITTED,
                state.submittedAt, state.submittedBy, state.submittedByKeyId, false, false, null, history);
    }

    private ChangeRequest step(ChangeRequestStatus next, boolean self, boolean retro, Outcome result,
                               HistoryEntry entry) {
        List<HistoryEntry> steps = new ArrayList<>(history);
        steps.add(entry);
        return new ChangeRequest(id, hostId, target, title, description, plannedStart, plannedEnd, risk, rollbackPlan,
                next, submittedAt, submittedBy, submittedByKeyId, self, retro, result, steps);
    }

    private void require(String step, ChangeRequestStatus... allowed) {
        if (!Set.of(allowed).contains(status)) {
            throw new WrongStepException(id, step, status);
        }
    }

    private static void requireWindow(Instant start, Instant end) {
        if (start == null || end == null || !start.isBefore(end)) {
            throw ProblemException.badRequest("'plannedStart' (" + start + ") must be before 'plannedEnd' (" + end
                    + "): the planned window starts inclusive and ends exclusive.");
        }
    }
}
