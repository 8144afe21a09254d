package changeledger.changerequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The coverage rule: status, target and the planned window widened by the grace. */
class CoverageTest {

    private static final Duration GRACE = Duration.ofMinutes(15);
    private static final Instant START = Instant.parse("2026-11-28T20:00:00Z");
    private static final Instant END = Instant.parse("2026-11-28T22:00:00Z");

    @Nested
    class Time {

        @Test
        void givenApprovedRequest_whenChangeInsideTheWindow_thenCovered() {
            assertThat(Coverage.covers(request("a", "101", ChangeRequestStatus.APPROVED), "101",
                    START.plusSeconds(60), GRACE)).isTrue();
        }

        @Test
        void givenGrace_whenChangeWithinGraceBeforeStartOrAfterEnd_thenCoveredAndBeyondItNot() {
            CoveringRequest request = request("a", "101", ChangeRequestStatus.COMPLETED);
            assertThat(Coverage.covers(request, "101", START.minus(GRACE), GRACE)).isTrue();
            assertThat(Coverage.covers(request, "101", START.minus(GRACE).minusSeconds(1), GRACE)).isFalse();
            assertThat(Coverage.covers(request, "101", END.plus(GRACE).minusSeconds(1), GRACE)).isTrue();
            assertThat(Coverage.covers(request, "101", END.plus(GRACE), GRACE)).isFalse();
        }

        @Test
        void givenNoGrace_whenChangeAtTheEnd_thenNotCovered() {
            CoveringRequest request = request("a", "101", ChangeRequestStatus.APPROVED);
            assertThat(Coverage.covers(request, "101", START, Duration.ZERO)).isTrue();
            assertThat(Coverage.covers(request, "101", END, Duration.ZERO)).isFalse();
        }
    }

    @Nested
    class Status {

        @Test
        void givenEachStatus_thenOnlyApprovedInProgressAndCompletedCover() {
            for (ChangeRequestStatus status : ChangeRequestStatus.values()) {
                boolean expected = status == ChangeRequestStatus.APPROVED || status == ChangeRequestStatus.IN_PROGRESS
                        || status == ChangeRequestStatus.COMPLETED;
                assertThat(Coverage.covers(request("a", "101", status), "101", START, GRACE))
                        .as(status.wireName()).isEqualTo(expected);
            }
        }
    }

    @Nested
    class Targets {

        @Test
        void givenGuestRequest_thenItCoversThatGuestOnly() {
            CoveringRequest request = request("a", "101", ChangeRequestStatus.APPROVED);
            assertThat(Coverage.covers(request, "101", START, GRACE)).isTrue();
            assertThat(Coverage.covers(request, "102", START, GRACE)).isFalse();
            assertThat(Coverage.covers(request, "node", START, GRACE)).isFalse();
        }

        @Test
        void givenNodeRequest_thenItCoversEveryTargetOnTheHost() {
            CoveringRequest request = request("a", "node", ChangeRequestStatus.IN_PROGRESS);
            for (String target : List.of("node", "101", "service:pveproxy", "storage:local-zfs")) {
                assertThat(Coverage.covers(request, target, START, GRACE)).as(target).isTrue();
            }
        }

        @Test
        void givenServiceOrStorageRequest_thenOnlyThatServiceOrStorage() {
            assertThat(Coverage.targetCovers("service:pveproxy", "service:pveproxy")).isTrue();
            assertThat(Coverage.targetCovers("service:pveproxy", "node")).isFalse();
            assertThat(Coverage.targetCovers("storage:tank", "storage:tank")).isTrue();
            assertThat(Coverage.targetCovers("storage:tank", "storage:local")).isFalse();
        }
    }

    @Nested
    class Choice {

        @Test
        void givenNodeAndGuestRequests_whenGuestChange_thenTheGuestRequestWins() {
            CoveringRequest node = request("a", "node", ChangeRequestStatus.APPROVED);
            CoveringRequest guest = request("b", "101", ChangeRequestStatus.APPROVED);
            assertThat(Coverage.coveringRequest(List.of(node, guest), "101", START, GRACE)).contains(guest);
            assertThat(Coverage.coveringRequest(List.of(node, guest), "102", START, GRACE)).contains(node);
        }

        @Test
        void givenOneRequestCoveringOnlyByGrace_whenAnotherHoldsTheChangeInItsWindow_thenTheWindowWins() {
            CoveringRequest earlier = request("a", "101", ChangeRequestStatus.COMPLETED);
            CoveringRequest next = new CoveringRequest("b", "infra", "101", "next", ChangeRequestStatus.APPROVED, END,
                    END.plus(Duration.ofHours(1)), false, false);
            assertThat(Coverage.coveringRequest(List.of(earlier, next), "101", END.plusSeconds(60), GRACE))
                    .contains(next);
            assertThat(Coverage.coveringRequest(List.of(next, earlier), "101", END.minusSeconds(60), GRACE))
                    .contains(earlier);
        }

        @Test
        void givenTwoEqualCandidates_thenTheSmallerIdWinsWhateverTheOrder() {
            CoveringRequest a = request("a", "101", ChangeRequestStatus.APPROVED);
            CoveringRequest b = request("b", "101", ChangeRequestStatus.APPROVED);
            assertThat(Coverage.coveringRequest(List.of(b, a), "101", START, GRACE)).contains(a);
        }

        @Test
        void givenNoCoveringRequest_thenEmpty() {
            assertThat(Coverage.coveringRequest(List.of(request("a", "101", ChangeRequestStatus.SUBMITTED)), "101",
                    START, GRACE)).isEmpty();
            assertThat(Coverage.coveringRequest(List.of(), "101", START, GRACE)).isEmpty();
        }
    }

    private static CoveringRequest request(String id, String target, ChangeRequestStatus status) {
        return new CoveringRequest(id, "infra", target, "title " + id, status, START, END, false, false);
    }
}
