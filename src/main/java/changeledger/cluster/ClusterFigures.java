package changeledger.cluster;

import changeledger.host.Host;
import changeledger.ingestion.JournalObservation;
import changeledger.projection.ChangeCounts;
import changeledger.projection.ChangeStatsReader;
import changeledger.projection.disruption.Disruption;
import changeledger.query.DisruptionView;
import changeledger.query.DisruptionWindows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The figures of a whole cluster over a range (ADR 0062): each visible member's counts and disruption windows for
 * the time it was a member only (a host that joined on the 10th counts from the 10th), plus the cluster's windows
 * without quorum once. A loss of quorum is one incident of the cluster, however many members logged it: the members'
 * own quorum incidents (pmxcfs's line) are taken out of the sum and each merged window counted instead.
 */
@ApplicationScoped
public class ClusterFigures {

    /** The scope of a member's own window. */
    public static final String HOST = "host";
    /** The scope of a window of the whole cluster. */
    public static final String CLUSTER = "cluster";
    /** The cause of a window without quorum. */
    public static final String QUORUM_LOST = "quorum-lost";

    private final ClusterService clusters;
    private final ChangeStatsReader stats;
    private final DisruptionWindows disruptions;

    /** Wires the figures. */
    public ClusterFigures(ClusterService clusters, ChangeStatsReader stats, DisruptionWindows disruptions) {
        this.clusters = clusters;
        this.stats = stats;
        this.disruptions = disruptions;
    }

    /**
     * A member's time in the range.
     *
     * @param hostId the host
     * @param from   the first instant it counts
     * @param to     the first instant it no longer counts
     */
    public record Member(String hostId, Instant from, Instant to) {
    }

    /**
     * A window counted in the cluster's figures.
     *
     * @param scope           {@code host} (a member's own window) or {@code cluster} (no quorum)
     * @param hostId          the member, or null for the cluster
     * @param reportedBy      the members whose journals show a cluster window; empty for a member's window
     * @param start           when it began
     * @param end             when it ended, or null while open
     * @param open            whether it is open
     * @param durationMinutes its whole length to one decimal (up to now while open)
     * @param minutesInRange  the part inside the range and, for a member's window, inside its membership
     * @param cause           its cause ({@code quorum-lost} for the cluster's)
     * @param window          a member's window as {@code /hosts/{id}/disruptions} shows it; null for the cluster's
     */
    public record Window(String scope, String hostId, List<String> reportedBy, Instant start, Instant end,
                         boolean open, double durationMinutes, double minutesInRange, String cause,
                         DisruptionView window) {
    }

    /**
     * The figures.
     *
     * @param cluster           the cluster
     * @param from              the range's start
     * @param to                the range's end
     * @param members           the visible members' times in the range
     * @param byDay             the counts by class of each local day, members for their time plus the cluster's
     *                          quorum losses once
     * @param windows           the windows, by start (failed tasks listed, not counted)
     * @param disruptionCount   the windows that count (no failed task)
     * @param disruptionMinutes their minutes inside the range (and the members' times), to one decimal
     * @param mixedZones        the zones that mixed among members in the range; empty when they did not
     */
    public record Figures(String cluster, Instant from, Instant to, List<Member> members,
                          Map<LocalDate, ChangeCounts> byDay, List<Window> windows, int disruptionCount,
                          double disruptionMinutes, List<String> mixedZones) {

        /** The counts of the whole range. */
        public ChangeCounts counts() {
            return byDay.values().stream().reduce(ChangeCounts.ZERO, ChangeCounts::plus);
        }
    }

    /** The figures of the cluster in {@code [from, to)} as the caller may see them, at {@code now}. */
    public Figures of(String name, Predicate<String> canSee, Instant from, Instant to, ZoneId zone, Instant now) {
        List<MembershipSpan> spans = clusters.spans(name, canSee);
        List<Member> members = new ArrayList<>();
        Map<LocalDate, ChangeCounts> byDay = new HashMap<>();
        List<Window> windows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MembershipSpan span : spans) {
            Instant[] part = span.clip(from, to);
            if (part == null) {
                continue;
            }
            members.add(new Member(span.hostId(), part[0], part[1]));
            stats.dailyCounts(span.hostId(), part[0], part[1], zone)
                    .forEach((day, counts) -> byDay.merge(day, counts, ChangeCounts::plus));
            // a host that joined twice: each of its windows once
            List<Disruption> found = disruptions.between(span.hostId(), part[0], part[1]).stream()
                    .filter(window -> seen.add(span.hostId() + "/" + window.key())).toList();
            List<DisruptionView> views = disruptions.views(span.hostId(), found, now);
            for (int i = 0; i < found.size(); i++) {
                Disruption window = found.get(i);
                double inRange = window.failed() ? 0 : minutes(window.start(), window.end(), part[0], part[1], now);
                DisruptionView view = views.get(i);
                windows.add(new Window(HOST, span.hostId(), List.of(), window.start(), window.end(), window.open(),
                        view.durationMinutes(), inRange, window.cause(), view));
            }
        }
        // a loss of quorum counts once for the cluster: the members' own quorum incidents are taken out
        for (ClusterObservation observation : clusters.memberObservations(spans)) {
            if (ClusterObservation.QUORUM_LOST.equals(observation.kind())
                    && JournalObservation.QuorumChangeObserved.PMXCFS.equals(observation.detail())
                    && !observation.at().isBefore(from) && observation.at().isBefore(to)) {
                byDay.merge(LocalDate.ofInstant(observation.at(), zone), ChangeCounts.ZERO.plus("incident", -1),
                        ChangeCounts::plus);
            }
        }
        for (QuorumWindow quorum : clusters.quorumWindows(spans)) {
            Instant end = quorum.end() == null ? now : quorum.end();
            if (!quorum.start().isBefore(to) || !end.isAfter(from)) {
                continue;
            }
            if (!quorum.start().isBefore(from)) {
                byDay.merge(LocalDate.ofInstant(quorum.start(), zone), ChangeCounts.ZERO.plus("incident", 1),
                        ChangeCounts::plus);
            }
            windows.add(new Window(CLUSTER, null, quorum.reportedBy(), quorum.start(), quorum.end(), quorum.open(),
                    quorum.durationMinutes(now), minutes(quorum.start(), quorum.end(), from, to, now), QUORUM_LOST,
                    null));
        }
        windows.sort(Comparator.comparing(Window::start).thenComparing(w -> w.hostId() == null ? "" : w.hostId()));
        int count = 0;
        double total = 0;
        for (Window window : windows) {
            if (window.window() == null || !window.window().failed()) {
                count++;
                total += window.minutesInRange();
            }
        }
        Map<String, Host> hosts = clusters.hostsOf(spans);
        return new Figures(name, from, to, members, byDay, windows, count, Math.round(total * 10) / 10.0,
                ClusterService.mixedZones(spans, hosts, from, to));
    }

    /** The minutes of {@code [start, end)} (open: up to now) inside {@code [from, to)}, to one decimal. */
    static double minutes(Instant start, Instant end, Instant from, Instant to, Instant now) {
        Instant a = start.isBefore(from) ? from : start;
        Instant stop = end == null ? now : end;
        Instant b = stop.isAfter(to) ? to : stop;
        return b.isAfter(a) ? Math.round(Duration.between(a, b).toMillis() / 6_000.0) / 10.0 : 0;
    }
}
