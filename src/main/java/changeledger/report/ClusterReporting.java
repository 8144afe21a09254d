package changeledger.report;

import changeledger.cluster.ClusterFigures;
import changeledger.cluster.ClusterService;
import changeledger.cluster.MembershipSpan;
import changeledger.host.Host;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What clusters add to a monthly report (ADR 0062): a note on each host that was in a cluster with hosts of another
 * trust zone in the month, and, for {@code ?cluster=}, the whole cluster's month. Everything is built from the hosts
 * the caller may read.
 */
@ApplicationScoped
public class ClusterReporting {

    private final ClusterService clusters;
    private final ClusterFigures figures;

    /** Wires the reporting. */
    public ClusterReporting(ClusterService clusters, ClusterFigures figures) {
        this.clusters = clusters;
        this.figures = figures;
    }

    /** The members of the cluster (as the caller may see them) that were members in {@code [from, to)}, by id. */
    public List<String> membersWithin(String cluster, Predicate<String> canSee, Instant from, Instant to) {
        return clusters.spans(cluster, canSee).stream().filter(span -> span.clip(from, to) != null)
                .map(MembershipSpan::hostId).distinct().sorted().toList();
    }

    /** The report with a mixed-zones note on each host concerned, and the cluster's section when one is asked for. */
    public StabilityReport annotate(StabilityReport report, String cluster, Predicate<String> canSee, Instant from,
                                    Instant to, ZoneId zone, Instant now) {
        // every cluster's visible spans and their hosts read once for all sections
        Map<String, List<MembershipSpan>> byCluster = clusters.spansByCluster(canSee);
        Map<String, Host> hosts = clusters.hostsOf(byCluster.values().stream().flatMap(List::stream).toList());
        List<StabilityReport.HostReport> sections = new ArrayList<>();
        for (StabilityReport.HostReport section : report.hosts()) {
            sections.add(section.withNotes(notes(section.hostId(), byCluster, hosts, from, to)));
        }
        StabilityReport.ClusterReport clusterReport = cluster == null ? null
                : clusterReport(cluster, canSee, from, to, zone, now);
        return report.with(sections, clusterReport);
    }

    /** The notes of one host: each cluster it was in with hosts of another zone in the month. */
    private static List<String> notes(String hostId, Map<String, List<MembershipSpan>> byCluster,
                                      Map<String, Host> hosts, Instant from, Instant to) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, List<MembershipSpan>> cluster : byCluster.entrySet()) {
            String name = cluster.getKey();
            List<MembershipSpan> spans = cluster.getValue();
            List<MembershipSpan> own = spans.stream().filter(s -> s.hostId().equals(hostId)).toList();
            if (own.isEmpty()) {
                continue;
            }
            Host host = hosts.get(hostId);
            List<String> others = new ArrayList<>();
            for (MembershipSpan mine : own) {
                Instant[] part = mine.clip(from, to);
                if (part == null) {
                    continue;
                }
                for (MembershipSpan other : spans) {
                    Host otherHost = hosts.get(other.hostId());
                    if (otherHost != null && host != null && !otherHost.zone().equals(host.zone())
                            && other.clip(part[0], part[1]) != null && !others.contains(other.hostId())) {
                        others.add(other.hostId());
                    }
                }
            }
            if (!others.isEmpty()) {
                notes.add(mixedZonesNote(hostId, host == null ? null : host.zone(), name, others, hosts));
            }
        }
        return notes;
    }

    private static String mixedZonesNote(String hostId, String zone, String cluster, List<String> others,
                                         Map<String, Host> hosts) {
        StringBuilder text = new StringBuilder("Mixed trust zones: host " + hostId + " (zone " + zone
                + ") was in cluster " + cluster + " with ");
        for (int i = 0; i < others.size(); i++) {
            Host other = hosts.get(others.get(i));
            text.append(i == 0 ? "" : ", ").append(other.id()).append(" (zone ").append(other.zone()).append(')');
        }
        return text.append(": a cluster shares its configuration, root SSH keys and API across its nodes, so the ")
                .append("zones are no longer separate.").toString();
    }

    private StabilityReport.ClusterReport clusterReport(String cluster, Predicate<String> canSee, Instant from,
                                                        Instant to, ZoneId zone, Instant now) {
        ClusterFigures.Figures found = figures.of(cluster, canSee, from, to, zone, now);
        List<StabilityReport.ClusterMember> members = found.members().stream()
                .map(m -> new StabilityReport.ClusterMember(m.hostId(), m.from(), m.to())).toList();
        int quorumWindows = 0;
        double quorumMinutes = 0;
        for (ClusterFigures.Window window : found.windows()) {
            if (ClusterFigures.CLUSTER.equals(window.scope())) {
                quorumWindows++;
                quorumMinutes += window.minutesInRange();
            }
        }
        List<String> notes = found.mixedZones().isEmpty() ? List.of()
                : List.of("Mixed trust zones: members of zones " + String.join(", ", found.mixedZones())
                        + " were in cluster " + cluster + " together this month.");
        return new StabilityReport.ClusterReport(cluster, members, found.counts(), found.disruptionCount(),
                found.disruptionMinutes(), quorumWindows, Math.round(quorumMinutes * 10) / 10.0,
                !found.mixedZones().isEmpty(), found.mixedZones(), notes);
    }
}
