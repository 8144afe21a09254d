package changeledger.changerequest;

import java.time.Instant;

/**
 * A change request as coverage sees it: enough to decide whether it makes an observed change planned.
 *
 * @param changeRequestId the request id
 * @param hostId          its host
 * @param target          its target
 * @param title           its title
 * @param status          its status
 * @param plannedStart    the planned window's start (inclusive)
 * @param plannedEnd      the planned window's end (exclusive)
 * @param selfApproved    whether the submitting key approved it
 * @param retroactive     whether it was approved after its window
 */
public record CoveringRequest(String changeRequestId, String hostId, String target, String title,
                              ChangeRequestStatus status, Instant plannedStart, Instant plannedEnd,
                              boolean selfApproved, boolean retroactive) {

    /** The request's state as coverage sees it. */
    public static CoveringRequest of(ChangeRequest request) {
        return new CoveringRequest(request.id(), request.hostId(), request.target(), request.title(), request.status(),
                request.plannedStart(), request.plannedEnd(), request.selfApproved(), request.retroactive());
    }
}
