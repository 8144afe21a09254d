package changeledger.cluster;

import java.time.Instant;

/**
 * A host's time as a member of a cluster.
 *
 * @param hostId  the host
 * @param cluster the cluster
 * @param joined  when it joined (the join's {@code since})
 * @param left    when it left, or null while it is a member
 */
public record MembershipSpan(String hostId, String cluster, Instant joined, Instant left) {

    /** Whether the host was a member at {@code at} (from its join, inclusive, to its leave, exclusive). */
    public boolean covers(Instant at) {
        return !at.isBefore(joined) && (left == null || at.isBefore(left));
    }

    /** The part of {@code [from, to)} in which the host was a member, or null when they do not overlap. */
    public Instant[] clip(Instant from, Instant to) {
        Instant start = joined.isAfter(from) ? joined : from;
        Instant end = left == null || left.isAfter(to) ? to : left;
        return start.isBefore(end) ? new Instant[] {start, end} : null;
    }
}
