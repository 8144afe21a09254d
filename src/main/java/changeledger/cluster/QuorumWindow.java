package changeledger.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A time in which a cluster had no quorum (ADR 0063): the members' reports merged. Each member that logged a loss of
 * quorum (pmxcfs or corosync, whichever came first) while it was a member is without quorum until it logged quorum
 * again; the members' times that overlap or touch are one window of the cluster, counted once.
 *
 * @param start      the earliest loss
 * @param end        the latest regain, or null while a member is still without quorum
 * @param reportedBy the members whose journals show the window, by id
 */
public record QuorumWindow(Instant start, Instant end, List<String> reportedBy) {

    /** Whether the window is still open. */
    public boolean open() {
        return end == null;
    }

    /** Its length in minutes to one decimal, up to {@code now} while open. */
    public double durationMinutes(Instant now) {
        return Math.round(Duration.between(start, end == null ? now : end).toMillis() / 6_000.0) / 10.0;
    }

    /**
     * The cluster's windows from its members' observations: only those logged while their host was a member of the
     * cluster ({@code spans}) count.
     */
    public static List<QuorumWindow> of(List<MembershipSpan> spans, List<ClusterObservation> observations) {
        Map<String, List<Instant[]>> byHost = new LinkedHashMap<>();
        Map<String, Instant> lostAt = new LinkedHashMap<>();
        List<ClusterObservation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(ClusterObservation::at));
        for (ClusterObservation observation : sorted) {
            boolean lost = ClusterObservation.QUORUM_LOST.equals(observation.kind());
            boolean regained = ClusterObservation.QUORUM_REGAINED.equals(observation.kind());
            if (!lost && !regained || !memberAt(spans, observation.hostId(), observation.at())) {
                continue;
            }
            String host = observation.hostId();
            if (lost) {
                lostAt.putIfAbsent(host, observation.at());
            } else if (lostAt.containsKey(host)) {
                byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(new Instant[] {lostAt.remove(host),
                        observation.at()});
            }
        }
        lostAt.forEach((host, at) -> byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(new Instant[] {at, null}));
        List<Object[]> all = new ArrayList<>();
        byHost.forEach((host, times) -> times.forEach(t -> all.add(new Object[] {t[0], t[1], host})));
        all.sort(Comparator.comparing(o -> (Instant) o[0]));
        List<QuorumWindow> windows = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        boolean open = false;
        TreeSet<String> reporters = new TreeSet<>();
        for (Object[] time : all) {
            Instant from = (Instant) time[0];
            Instant to = (Instant) time[1];
            if (start != null && !open && from.isAfter(end)) {
                windows.add(new QuorumWindow(start, end, List.copyOf(reporters)));
                start = null;
            }
            if (start == null) {
                start = from;
                end = to;
                open = to == null;
                reporters = new TreeSet<>();
            } else if (to == null) {
                open = true;
            } else if (!open && to.isAfter(end)) {
                end = to;
            }
            reporters.add((String) time[2]);
        }
        if (start != null) {
            windows.add(new QuorumWindow(start, open ? null : end, List.copyOf(reporters)));
        }
        return windows;
    }

    private static boolean memberAt(List<MembershipSpan> spans, String hostId, Instant at) {
        return spans.stream().anyMatch(span -> span.hostId().equals(hostId) && span.covers(at));
    }
}
