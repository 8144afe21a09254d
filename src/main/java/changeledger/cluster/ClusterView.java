package changeledger.cluster;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cluster as the API shows it: only the hosts the caller may see (ADR 0062).
 *
 * @param name        the cluster's name
 * @param members     the visible hosts' membership spans, by join time (a host that joined twice shows twice)
 * @param zonesMixed  whether the current visible members are of different zones
 * @param zones       the zones of the current visible members
 * @param quorum      the times without quorum, from the visible members' journals, merged
 * @param events      what the visible members' journals logged of the cluster (quorum, membership, fencing)
 */
public record ClusterView(String name, List<Member> members, boolean zonesMixed, List<String> zones,
                          List<Quorum> quorum, List<Event> events) {

    /**
     * A host's time in the cluster.
     *
     * @param hostId   the host
     * @param role     its role
     * @param zone     its zone
     * @param since    when it joined
     * @param until    when it left, or null while it is a member
     * @param evidence its {@code clustercreate} / {@code clusterjoin} tasks that belong to this join
     */
    public record Member(String hostId, String role, String zone, Instant since, Instant until,
                         List<ClusterTask> evidence) {
    }

    /**
     * A time without quorum.
     *
     * @param start           the first member's loss
     * @param end             the last member's regain, or null while open
     * @param open            whether it is open
     * @param durationMinutes its length to one decimal, up to now while open
     * @param reportedBy      the members whose journals show it
     */
    public record Quorum(Instant start, Instant end, boolean open, double durationMinutes, List<String> reportedBy) {
    }

    /**
     * A line of a member's journal about the cluster.
     *
     * @param at            when
     * @param kind          {@code quorum-lost}, {@code quorum-regained}, {@code members-changed}, {@code node-fenced}
     * @param hostId        the host that logged it
     * @param detail        the fenced node or the corosync node ids that joined and left, else null
     * @param subjectHostId the fenced node's host, where known and visible
     * @param eventId       the journal observation's event
     */
    public record Event(Instant at, String kind, String hostId, String detail, String subjectHostId, UUID eventId) {
    }
}
