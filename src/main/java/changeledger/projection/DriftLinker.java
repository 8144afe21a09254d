package changeledger.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Links configuration drifts to the change that explains them (DESIGN "Evidence", ADR 0046): a task or access-log
 * change of class change or disruptive, of the drift's host and target, inside the drift's window, or, for a drift that
 * shows a guest appear, a migration of that guest that did not fail, on another member of the host's cluster, whose
 * span overlaps the drift's window (ADR 0068: the appearance is the migration's evidence). A linked drift is
 * that change's evidence and does not count; an unexplained one counts as a change. Several drifts may share one
 * explaining change (a push and a pull, or two snapshots of one long change). The link is the explaining change that
 * comes first in the store, so the outcome is the same in any batching: a stored change always precedes a new one.
 */
final class DriftLinker {

    /**
     * What a batch changes.
     *
     * @param fresh    the batch's items, its drifts linked where a change explains them
     * @param relinked stored drifts a new change of the batch explains: they stop counting
     */
    record Outcome(List<StatsItem> fresh, List<StatsItem> relinked) {
    }

    private DriftLinker() {
    }

    /**
     * Links the batch's drifts and the stored drifts its changes explain.
     *
     * @param fresh       the batch's items in store order
     * @param storedLinks for a drift of the batch (by its place among the batch's drifts), the stored change that
     *                    explains it, as the drift linked to it
     * @param unexplained stored drifts, not linked yet, whose window may hold one of the batch's changes
     * @param clusterOf   the cluster of each host of the batch's items and of the stored drifts that is in one
     */
    static Outcome link(List<StatsItem> fresh, Map<Integer, StatsItem> storedLinks, Collection<StatsItem> unexplained,
                        Map<String, String> clusterOf) {
        List<StatsItem> changes = explaining(fresh);
        List<StatsItem> linked = new ArrayList<>(fresh.size());
        int drift = 0;
        for (StatsItem item : fresh) {
            if (item.kind() != StatsItem.Kind.DRIFT) {
                linked.add(item);
                continue;
            }
            StatsItem stored = storedLinks.get(drift++);
            linked.add(stored != null ? stored
                    : first(changes, item, clusterOf).map(c -> item.explainedBy(c.position(), c.stream())).orElse(item));
        }
        List<StatsItem> relinked = new ArrayList<>();
        for (StatsItem stored : unexplained) {
            first(changes, stored, clusterOf).ifPresent(c -> relinked.add(stored.explainedBy(c.position(), c.stream())));
        }
        return new Outcome(linked, relinked);
    }

    /** The drifts among the batch's items, in store order: the list {@code storedLinks} is keyed by. */
    static List<StatsItem> drifts(List<StatsItem> fresh) {
        return fresh.stream().filter(item -> item.kind() == StatsItem.Kind.DRIFT).toList();
    }

    /** The batch's changes that may explain a drift. */
    static List<StatsItem> explaining(List<StatsItem> fresh) {
        return fresh.stream().filter(StatsItem::explainsDrifts).toList();
    }

    private static Optional<StatsItem> first(List<StatsItem> changes, StatsItem drift, Map<String, String> clusterOf) {
        return changes.stream().filter(change -> drift.explainedBy(change, clusterOf))
                .min(Comparator.comparingLong(StatsItem::position));
    }
}
