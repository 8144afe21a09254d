package changeledger.cluster;

import java.time.Instant;
import java.util.UUID;

/**
 * What a member's journal logged of its cluster.
 *
 * @param hostId        the host whose journal logged it
 * @param kind          {@code quorum-lost}, {@code quorum-regained}, {@code members-changed} or {@code node-fenced}
 * @param at            when
 * @param detail        the source of a quorum line ({@code pmxcfs}, {@code corosync}), the fenced node, or the
 *                      corosync node ids that joined and left
 * @param subjectHostId the fenced node's host, where known
 * @param eventId       the journal observation's event
 * @param line          the journal line
 */
public record ClusterObservation(String hostId, String kind, Instant at, String detail, String subjectHostId,
                                 UUID eventId, String line) {

    /** The kind of a loss of quorum. */
    public static final String QUORUM_LOST = "quorum-lost";
    /** The kind of a regained quorum. */
    public static final String QUORUM_REGAINED = "quorum-regained";
    /** The kind of a corosync membership change. */
    public static final String MEMBERS_CHANGED = "members-changed";
    /** The kind of a fencing. */
    public static final String NODE_FENCED = "node-fenced";
}
