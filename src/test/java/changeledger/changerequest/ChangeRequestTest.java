package changeledger.changerequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.changerequest.ChangeRequestCommand.ApproveChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.CancelChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.CompleteChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.RejectChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.RescheduleChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.StartChangeRequest;
import changeledger.changerequest.ChangeRequestCommand.SubmitChangeRequest;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestApproved;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestRescheduled;
import changeledger.changerequest.ChangeRequestEvent.ChangeRequestSubmitted;
import changeledger.domain.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The change request aggregate's pure decide/evolve: every transition and every refusal. */
class ChangeRequestTest {

    private static final String ID = "6f1c2d9e-0000-4000-8000-000000000001";
    private static final Instant START = Instant.parse("2026-11-28T20:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(2));
    private static final Instant BEFORE = START.minus(Duration.ofDays(1));
    private static final Actor SUBMITTER = new Actor("key-s", "alice");
    private static final Actor APPROVER = new Actor("key-a", "bob");

    /** Every command that is a step, keyed by its name in the API. */
    private static final Map<String, ChangeRequestCommand> STEPS = Map.of(
            "approve", new ApproveChangeRequest(ID, "ok"),
            "reject", new RejectChangeRequest(ID, "no"),
            "start", new StartChangeRequest(ID, null),
            "complete", new CompleteChangeRequest(ID, Outcome.SUCCEEDED, "done"),
            "cancel", new CancelChangeRequest(ID, null),
            "reschedule", new RescheduleChangeRequest(ID, END, END.plus(Duration.ofHours(1)), null));

    @Nested
    class Submit {

        @Test
        void givenNothing_whenSubmitted_thenSubmittedWithItsFieldsAndOneHistoryEntry() {
            ChangeRequest request = submitted();
            assertThat(request.status()).isEqualTo(ChangeRequestStatus.SUBMITTED);
            assertThat(request.hostId()).isEqualTo("infra");
            assertThat(request.target()).isEqualTo("101");
            assertThat(request.risk()).isEqualTo(Risk.MEDIUM);
            assertThat(request.submittedByKeyId()).isEqualTo("key-s");
            assertThat(request.submittedBy()).isEqualTo("alice");
            assertThat(request.selfApproved()).isFalse();
            assertThat(request.history()).singleElement()
                    .satisfies(h -> assertThat(h.action()).isEqualTo("submitted"))
                    .satisfies(h -> assertThat(h.by()).isEqualTo("alice"));
        }

        @Test
        void givenEndNotAfterStart_whenSubmitted_thenRefused() {
            assertThatThrownBy(() -> decide(submit(START, START), ChangeRequest.NONE, SUBMITTER, BEFORE))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("must be before");
        }

        @Test
        void givenPastWindow_whenSubmitted_thenAccepted() {
            Instant later = END.plus(Duration.ofDays(3));
            assertThat(decide(submit(START, END), ChangeRequest.NONE, SUBMITTER, later)).singleElement()
                    .isInstanceOf(ChangeRequestSubmitted.class);
        }

        @Test
        void givenExistingRequest_whenSubmittedAgain_thenConflict() {
            assertThatThrownBy(() -> decide(submit(START, END), submitted(), SUBMITTER, BEFORE))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(409));
        }

        @Test
        void givenNoRequest_whenAnyStep_thenNotFound() {
            STEPS.values().forEach(step -> assertThatThrownBy(() -> decide(step, ChangeRequest.NONE, APPROVER, BEFORE))
                    .isInstanceOf(ChangeRequestNotFoundException.class));
        }
    }

    @Nested
    class Approve {

        @Test
        void givenSubmitted_whenAnotherKeyApprovesBeforeTheWindowEnds_thenApprovedNeitherSelfNorRetroactive() {
            ChangeRequest request = apply(submitted(), new ApproveChangeRequest(ID, "go"), APPROVER, BEFORE);
            assertThat(request.status()).isEqualTo(ChangeRequestStatus.APPROVED);
            assertThat(request.selfApproved()).isFalse();
            assertThat(request.retroactive()).isFalse();
            assertThat(request.history().get(1)).satisfies(h -> {
                assertThat(h.action()).isEqualTo("approved");
                assertThat(h.comment()).isEqualTo("go");
                assertThat(h.by()).isEqualTo("bob");
            });
        }

        @Test
        void givenSubmitted_whenTheSubmittingKeyApproves_thenForbiddenUnlessSelfApprovalIsAllowed() {
            assertThatThrownBy(() -> ChangeRequest.decide(new ApproveChangeRequest(ID, null), submitted(), SUBMITTER,
                    BEFORE, false)).isInstanceOf(SelfApprovalRefusedException.class)
                    .hasMessageContaining("allow-self-approval");
            List<ChangeRequestEvent> events = ChangeRequest.decide(new ApproveChangeRequest(ID, null), submitted(),
                    SUBMITTER, BEFORE, true);
            assertThat(events).singleElement().isInstanceOfSatisfying(ChangeRequestApproved.class,
                    a -> assertThat(a.selfApproved()).isTrue());
            assertThat(ChangeRequest.evolve(submitted(), events.get(0)).selfApproved()).isTrue();
        }

        @Test
        void givenSubmitted_whenApprovedAtOrAfterTheWindowEnd_thenRetroactive() {
            assertThat(apply(submitted(), new ApproveChangeRequest(ID, null), APPROVER, END).retroactive()).isTrue();
            assertThat(apply(submitted(), new ApproveChangeRequest(ID, null), APPROVER, END.minusSeconds(1))
                    .retroactive()).isFalse();
        }
    }

    @Nested
    class Workflow {

        @Test
        void givenApproved_whenStartedAndCompleted_thenCompletedWithOutcomeAndFullHistory() {
            ChangeRequest request = apply(approved(), new StartChangeRequest(ID, "on it"), SUBMITTER, START);
            assertThat(request.status()).isEqualTo(ChangeRequestStatus.IN_PROGRESS);
            request = apply(request, new CompleteChangeRequest(ID, Outcome.ROLLED_BACK, "reverted"), SUBMITTER, END);
            assertThat(request.status()).isEqualTo(ChangeRequestStatus.COMPLETED);
            assertThat(request.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(request.history()).extracting(HistoryEntry::action)
                    .containsExactly("submitted", "approved", "started", "completed");
            assertThat(request.history().get(3).note()).isEqualTo("reverted");
        }

        @Test
        void givenSubmitted_whenRejected_thenRejectedWithTheComment() {
            ChangeRequest request = apply(submitted(), new RejectChangeRequest(ID, "too risky"), APPROVER, BEFORE);
            assertThat(request.status()).isEqualTo(ChangeRequestStatus.REJECTED);
            assertThat(request.history().get(1).comment()).isEqualTo("too risky");
        }

        @Test
        void givenSubmittedOrApproved_whenCancelled_thenCancelled() {
            assertThat(apply(submitted(), new CancelChangeRequest(ID, null), SUBMITTER, BEFORE).status())
                    .isEqualTo(ChangeRequestStatus.CANCELLED);
            assertThat(apply(approved(), new CancelChangeRequest(ID, "not needed"), SUBMITTER, BEFORE).status())
                    .isEqualTo(ChangeRequestStatus.CANCELLED);
        }

        @Test
        void givenSelfApprovedRetroactiveApproval_whenRescheduled_thenSubmittedAgainWithTheNewWindowAndNoApprovalMarks() {
            ChangeRequest approved = ChangeRequest.evolve(submitted(), ChangeRequest.decide(
                    new ApproveChangeRequest(ID, null), submitted(), SUBMITTER, END.plusSeconds(5), true).get(0));
            Instant newStart = END.plus(Duration.ofDays(1));
            Instant newEnd = newStart.plus(Duration.ofHours(1));
            List<ChangeRequestEvent> events = decide(new RescheduleChangeRequest(ID, newStart, newEnd, "moved"),
                    approved, SUBMITTER, BEFORE);
            assertThat(events).singleElement().isInstanceOfSatisfying(ChangeRequestRescheduled.class, r -> {
                assertThat(r.previousStart()).isEqualTo(START);
                assertThat(r.previousEnd()).isEqualTo(END);
            });
            ChangeRequest request = ChangeRequest.evolve(approved, events.get(0));
            assertThat(request.status()).isEqualTo(ChangeRequestStatus.SUBMITTED);
            assertThat(request.plannedStart()).isEqualTo(newStart);
            assertThat(request.plannedEnd()).isEqualTo(newEnd);
            assertThat(request.selfApproved()).isFalse();
            assertThat(request.retroactive()).isFalse();
            assertThat(request.history().get(2)).satisfies(h -> {
                assertThat(h.action()).isEqualTo("rescheduled");
                assertThat(h.plannedStart()).isEqualTo(newStart);
            });
        }

        @Test
        void givenTheSameWindow_whenRescheduled_thenNothingHappens() {
            assertThat(decide(new RescheduleChangeRequest(ID, START, END, null), approved(), SUBMITTER, BEFORE))
                    .isEmpty();
        }

        @Test
        void givenAnInvertedWindow_whenRescheduled_thenRefused() {
            assertThatThrownBy(() -> decide(new RescheduleChangeRequest(ID, END, START, null), submitted(), SUBMITTER,
                    BEFORE)).isInstanceOf(ProblemException.class).hasMessageContaining("must be before");
        }

        @Test
        void givenEveryEvent_thenItCarriesHostAndTarget() {
            ChangeRequest request = submitted();
            for (ChangeRequestCommand step : List.of(new ApproveChangeRequest(ID, null), new StartChangeRequest(ID, null),
                    new CompleteChangeRequest(ID, Outcome.FAILED, null))) {
                ChangeRequestEvent event = decide(step, request, APPROVER, BEFORE).get(0);
                assertThat(event.hostId()).isEqualTo("infra");
                assertThat(event.target()).isEqualTo("101");
                request = ChangeRequest.evolve(request, event);
            }
        }
    }

    @Nested
    class WrongSteps {

        @Test
        void givenEachStatus_whenAStepItDoesNotAllow_then409NamingTheCurrentStatus() {
            Map<ChangeRequestStatus, ChangeRequest> states = Map.of(
                    ChangeRequestStatus.SUBMITTED, submitted(),
                    ChangeRequestStatus.APPROVED, approved(),
                    ChangeRequestStatus.REJECTED, apply(submitted(), new RejectChangeRequest(ID, "no"), APPROVER, BEFORE),
                    ChangeRequestStatus.IN_PROGRESS, inProgress(),
                    ChangeRequestStatus.COMPLETED, apply(inProgress(),
                            new CompleteChangeRequest(ID, Outcome.SUCCEEDED, null), SUBMITTER, END),
                    ChangeRequestStatus.CANCELLED, apply(submitted(), new CancelChangeRequest(ID, null), SUBMITTER,
                            BEFORE));
            int refused = 0;
            for (Map.Entry<ChangeRequestStatus, ChangeRequest> state : states.entrySet()) {
                assertThat(state.getValue().status()).isEqualTo(state.getKey());
                List<String> allowed = WrongStepException.allowed(state.getKey());
                for (Map.Entry<String, ChangeRequestCommand> step : STEPS.entrySet()) {
                    if (allowed.contains(step.getKey())) {
                        assertThat(decide(step.getValue(), state.getValue(), APPROVER, BEFORE)).hasSize(1);
                        continue;
                    }
                    refused++;
                    assertThatThrownBy(() -> decide(step.getValue(), state.getValue(), APPROVER, BEFORE))
                            .isInstanceOfSatisfying(WrongStepException.class, e -> {
                                assertThat(e.problem().status()).isEqualTo(409);
                                assertThat(e.problem().extra()).containsEntry("currentStatus",
                                        state.getKey().wireName());
                                assertThat(e.getMessage()).contains("is " + state.getKey().wireName())
                                        .contains("'" + step.getKey() + "'");
                            });
                }
            }
            // 6 statuses x 6 steps, less the 4 + 3 + 1 allowed ones
            assertThat(refused).isEqualTo(28);
        }
    }

    private static List<ChangeRequestEvent> decide(ChangeRequestCommand command, ChangeRequest state, Actor actor,
                                                   Instant now) {
        return ChangeRequest.decide(command, state, actor, now, false);
    }

    private static ChangeRequest apply(ChangeRequest state, ChangeRequestCommand command, Actor actor, Instant now) {
        ChangeRequest next = state;
        for (ChangeRequestEvent event : decide(command, state, actor, now)) {
            next = ChangeRequest.evolve(next, event);
        }
        return next;
    }

    private static SubmitChangeRequest submit(Instant start, Instant end) {
        return new SubmitChangeRequest(ID, "infra", "101", "Resize disk of 101", "grow scsi0 by 10G", start, end,
                Risk.MEDIUM, "shrink is impossible: restore from backup");
    }

    private static ChangeRequest submitted() {
        return apply(ChangeRequest.NONE, submit(START, END), SUBMITTER, BEFORE);
    }

    private static ChangeRequest approved() {
        return apply(submitted(), new ApproveChangeRequest(ID, null), APPROVER, BEFORE);
    }

    private static ChangeRequest inProgress() {
        return apply(approved(), new StartChangeRequest(ID, null), SUBMITTER, START);
    }
}
