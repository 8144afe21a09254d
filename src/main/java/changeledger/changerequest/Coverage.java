package changeledger.changerequest;

import changeledger.host.ChangeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The one rule that says whether an observed change is planned (ADR 0015, ADR 0046). A request covers a change on its
 * host when it is approved, in progress or completed; its target is the change's target, or {@code node} (which covers
 * everything on the host but security changes: those need a request for {@code security}); and the change happened in
 * {@code [plannedStart - grace, plannedEnd + grace)}. A configuration drift happened somewhere in its window
 * {@code (windowStart, windowEnd]}: a request covers it when its widened window overlaps that window.
 */
public final class Coverage {

    /** Which of several covering requests a change belongs to: the most specific, then the closest, then the first. */
    private static final Comparator<Candidate> PREFERENCE = Comparator
            .comparing((Candidate c) -> ChangeTarget.NODE.equals(c.request().target()) ? 1 : 0)
            .thenComparing(c -> c.insideWindow() ? 0 : 1)
            .thenComparing(c -> c.request().plannedStart())
            .thenComparing(c -> c.request().changeRequestId());

    private Coverage() {
    }

    /**
     * Whether a request's target covers a change's target: the same target, or a request for the whole node unless the
     * change is a security change.
     */
    public static boolean targetCovers(String requestTarget, String changeTarget) {
        return requestTarget.equals(changeTarget)
                || (ChangeTarget.NODE.equals(requestTarget) && !ChangeTarget.SECURITY.equals(changeTarget));
    }

    /** Whether {@code at} lies in the request's planned window widened by {@code grace} on both sides. */
    public static boolean timeCovers(CoveringRequest request, Instant at, Duration grace) {
        return timeCovers(request, at, at, grace);
    }

    /**
     * Whether the request's planned window widened by {@code grace} on both sides overlaps a change that happened
     * somewhere in {@code (from, to]}; with {@code from} equal to {@code to}, whether it holds that instant.
     */
    public static boolean timeCovers(CoveringRequest request, Instant from, Instant to, Duration grace) {
        return from.isBefore(request.plannedEnd().plus(grace)) && !to.isBefore(request.plannedStart().minus(grace));
    }

    /** Whether the request makes a change of {@code target} at {@code at} on the request's host planned. */
    public static boolean covers(CoveringRequest request, String target, Instant at, Duration grace) {
        return covers(request, target, at, at, grace);
    }

    /** Whether the request makes a change of {@code target} in {@code (from, to]} on the request's host planned. */
    public static boolean covers(CoveringRequest request, String target, Instant from, Instant to, Duration grace) {
        return request.status().covers() && targetCovers(request.target(), target)
                && timeCovers(request, from, to, grace);
    }

    /**
     * The request a change of {@code target} at {@code at} belongs to among {@code requests} of its host, when any
     * covers it. Several may: a request for the target wins over one for the node, one whose window holds the
     * change over one that covers it only by the grace, then the earlier window, then the smaller id.
     */
    public static Optional<CoveringRequest> coveringRequest(Collection<CoveringRequest> requests, String target,
                                                            Instant at, Duration grace) {
        return coveringRequest(requests, target, at, at, grace);
    }

    /**
     * The request a change of {@code target} that happened somewhere in {@code (from, to]} belongs to (a drift's
     * window; {@code from} equal to {@code to} for a change seen when it happened), by the preference above, where
     * "inside the window" means that the unwidened window overlaps the change's.
     */
    public static Optional<CoveringRequest> coveringRequest(Collection<CoveringRequest> requests, String target,
                                                            Instant from, Instant to, Duration grace) {
        return requests.stream()
                .filter(r -> covers(r, target, from, to, grace))
                .map(r -> new Candidate(r, timeCovers(r, from, to, Duration.ZERO)))
                .min(PREFERENCE)
                .map(Candidate::request);
    }

    private record Candidate(CoveringRequest request, boolean insideWindow) {
    }
}
