package changeledger.changerequest;

import java.time.Instant;
import java.util.List;

/**
 * What a list of change requests asks for. Every field is optional (null: no filter).
 *
 * @param host         requests of this host
 * @param visibleHosts the caller's hosts when its key is limited to some; null for a key of all hosts
 * @param status       requests in this status
 * @param from         requests whose planned window ends after this instant
 * @param to           requests whose planned window starts before this instant
 */
public record ChangeRequestFilter(String host, List<String> visibleHosts, ChangeRequestStatus status, Instant from,
                                  Instant to) {

    /** Copies the host list. */
    public ChangeRequestFilter {
        visibleHosts = visibleHosts == null ? null : List.copyOf(visibleHosts);
    }

    /** Whether a request (as folded from its stream) matches. */
    public boolean matches(ChangeRequest request) {
        return (host == null || host.equals(request.hostId()))
                && (visibleHosts == null || visibleHosts.contains(request.hostId()))
                && (status == null || status == request.status())
                && (from == null || request.plannedEnd().isAfter(from))
                && (to == null || request.plannedStart().isBefore(to));
    }
}
