package changeledger.cluster;

import changeledger.domain.ProblemException;
import changeledger.host.Host;
import changeledger.host.HostService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Clusters as a caller may see them (ADR 0062): every answer is built from the hosts the caller's key covers only, so
 * a host-limited key learns nothing of the other members (not their number, zones, journals or figures), and a
 * cluster none of whose members it covers does not exist for it (404, as for an unknown cluster).
 */
@ApplicationScoped
public class ClusterService {

    private final ClusterRepository repository;
    private final HostService hosts;

    /** Wires the service. */
    public ClusterService(ClusterRepository repository, HostService hosts) {
        this.repository = repository;
        this.hosts = hosts;
    }

    /** The names of the clusters that have a visible member, sorted. */
    public List<String> names(Predicate<String> canSee) {
        return repository.spans().stream().filter(span -> canSee.test(span.hostId())).map(MembershipSpan::cluster)
                .distinct().sorted().toList();
    }

    /** Every cluster's visible members' spans, by cluster name, each by join time: one read for all clusters. */
    public Map<String, List<MembershipSpan>> spansByCluster(Predicate<String> canSee) {
        return repository.spans().stream().filter(span -> canSee.test(span.hostId()))
                .collect(Collectors.groupingBy(MembershipSpan::cluster, TreeMap::new, Collectors.toList()));
    }

    /**
     * The visible members' spans in the cluster, by join time.
     *
     * @throws ProblemException 404 when the cluster has no visible member (or no member at all)
     */
    public List<MembershipSpan> spans(String name, Predicate<String> canSee) {
        List<MembershipSpan> spans = repository.spans().stream()
                .filter(span -> span.cluster().equals(name) && canSee.test(span.hostId())).toList();
        if (spans.isEmpty()) {
            throw ProblemException.notFound("No cluster '" + name + "' with a host this key may read. Clusters are "
                    + "formed by PUT /api/v1/hosts/{id}/cluster; GET /api/v1/clusters lists them.");
        }
        return spans;
    }

    /** The cluster as the caller may see it, at {@code now}. */
    public ClusterView view(String name, Predicate<String> canSee, Instant now) {
        List<MembershipSpan> spans = spans(name, canSee);
        Map<String, Host> byId = hostsOf(spans);
        List<String> ids = spans.stream().map(MembershipSpan::hostId).distinct().toList();
        List<ClusterTask> tasks = repository.tasks(ids);
        List<ClusterView.Member> members = new ArrayList<>();
        for (MembershipSpan span : spans) {
            Host host = byId.get(span.hostId());
            members.add(new ClusterView.Member(span.hostId(), host == null ? null : host.role().wireName(),
                    host == null ? null : host.zone(), span.joined(), span.left(), evidence(span, spans, tasks)));
        }
        List<ClusterObservation> observations = memberObservations(spans);
        List<ClusterView.Quorum> quorum = QuorumWindow.of(spans, observations).stream()
                .map(w -> new ClusterView.Quorum(w.start(), w.end(), w.open(), w.durationMinutes(now), w.reportedBy()))
                .toList();
        List<ClusterView.Event> events = observations.stream().map(o -> new ClusterView.Event(o.at(), o.kind(),
                o.hostId(), o.detail(), o.subjectHostId() != null && canSee.test(o.subjectHostId())
                ? o.subjectHostId() : null, o.eventId())).toList();
        List<String> zones = zonesAt(spans, byId, now);
        return new ClusterView(name, members, zones.size() > 1, zones, quorum, events);
    }

    /** The visible members' observations logged while they were members of this cluster. */
    public List<ClusterObservation> memberObservations(List<MembershipSpan> spans) {
        List<String> ids = spans.stream().map(MembershipSpan::hostId).distinct().toList();
        return repository.observations(ids).stream().filter(o -> spans.stream()
                .anyMatch(s -> s.hostId().equals(o.hostId()) && s.covers(o.at()))).toList();
    }

    /** The cluster's windows without quorum, from its visible members' journals. */
    public List<QuorumWindow> quorumWindows(List<MembershipSpan> spans) {
        return QuorumWindow.of(spans, memberObservations(spans));
    }

    /** The registered hosts of some spans, by id. */
    public Map<String, Host> hostsOf(List<MembershipSpan> spans) {
        TreeSet<String> ids = spans.stream().map(MembershipSpan::hostId).collect(Collectors.toCollection(TreeSet::new));
        return hosts.list().stream().filter(h -> ids.contains(h.id()))
                .collect(Collectors.toMap(Host::id, Function.identity()));
    }

    /** The zones of the members at {@code at}, sorted. */
    static List<String> zonesAt(List<MembershipSpan> spans, Map<String, Host> hosts, Instant at) {
        return spans.stream().filter(span -> span.covers(at)).map(span -> hosts.get(span.hostId()))
                .filter(host -> host != null && host.zone() != null).map(Host::zone).distinct().sorted().toList();
    }

    /**
     * The zones of members whose spans overlap another member's of a different zone within {@code [from, to)}: empty
     * when the zones never mixed then.
     */
    public static List<String> mixedZones(List<MembershipSpan> spans, Map<String, Host> hosts, Instant from,
                                          Instant to) {
        TreeSet<String> mixed = new TreeSet<>();
        for (MembershipSpan a : spans) {
            for (MembershipSpan b : spans) {
                Host ha = hosts.get(a.hostId());
                Host hb = hosts.get(b.hostId());
                if (ha == null || hb == null || ha.zone() == null || ha.zone().equals(hb.zone())) {
                    continue;
                }
                Instant[] both = a.clip(from, to);
                if (both != null && b.clip(both[0], both[1]) != null) {
                    mixed.add(ha.zone());
                    mixed.add(hb.zone());
                }
            }
        }
        return List.copyOf(mixed);
    }

    /**
     * The join tasks of the span's host that belong to this join: started before the span ended and after the host's
     * previous span in any cluster ended (a {@code clusterjoin} usually precedes the recorded {@code since} a little).
     */
    static List<ClusterTask> evidence(MembershipSpan span, List<MembershipSpan> all, List<ClusterTask> tasks) {
        Instant after = all.stream().filter(s -> s.hostId().equals(span.hostId()) && s.left() != null
                        && !s.left().isAfter(span.joined()))
                .map(MembershipSpan::left).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        return tasks.stream().filter(t -> t.hostId().equals(span.hostId()) && !t.start().isBefore(after)
                && (span.left() == null || t.start().isBefore(span.left()))).toList();
    }
}
