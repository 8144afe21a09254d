package changeledger.projection;

import changeledger.projection.TaskLinkRule.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies {@link TaskLinkRule} to a batch: links each new access-log change to its task, and re-links stored
 * changes that a new task now claims (a task may arrive after the call it spawned: another collector). Pure: the
 * caller loads the stored tasks and changes near the batch's items (see {@link #REACH}).
 */
final class AccessLinker {

    /**
     * How far around a new item stored items must be loaded: a stored change within the window of a new task may
     * link to any task within the window of itself, so twice the window.
     */
    static final Duration REACH = TaskLinkRule.WINDOW.multipliedBy(2);

    private AccessLinker() {
    }

    /**
     * The outcome of a batch.
     *
     * @param fresh    the batch's new items, access-log changes with their final link
     * @param relinked stored access-log changes whose link changed
     */
    record Outcome(List<StatsItem> fresh, List<StatsItem> relinked) {
    }

    /**
     * Links a batch.
     *
     * @param stored every stored task and access-log change within {@link #REACH} of a new task or change, of the
     *               same host and guest
     * @param fresh  the batch's new items in order (any kind; access-log changes still unlinked)
     */
    static Outcome link(Collection<StatsItem> stored, List<StatsItem> fresh) {
        Map<Target, List<StatsItem>> tasks = new HashMap<>();
        Map<Target, List<StatsItem>> newTasks = new HashMap<>();
        for (StatsItem item : stored) {
            if (item.kind() == StatsItem.Kind.TASK) {
                tasks.computeIfAbsent(target(item), t -> new ArrayList<>()).add(item);
            }
        }
        for (StatsItem item : fresh) {
            if (item.kind() == StatsItem.Kind.TASK) {
                tasks.computeIfAbsent(target(item), t -> new ArrayList<>()).add(item);
                newTasks.computeIfAbsent(target(item), t -> new ArrayList<>()).add(item);
            }
        }
        tasks.values().forEach(list -> list.sort(Comparator.comparing(StatsItem::occurredAt)));
        newTasks.values().forEach(list -> list.sort(Comparator.comparing(StatsItem::occurredAt)));

        List<StatsItem> linkedFresh = new ArrayList<>(fresh.size());
        for (StatsItem item : fresh) {
            linkedFresh.add(item.kind() == StatsItem.Kind.ACCESS ? resolve(item, tasks) : item);
        }
        List<StatsItem> relinked = new ArrayList<>();
        for (StatsItem item : stored) {
            if (item.kind() != StatsItem.Kind.ACCESS
                    || within(newTasks.getOrDefault(target(item), List.of()), item.occurredAt()).isEmpty()) {
                continue;
            }
            StatsItem resolved = resolve(item, tasks);
            if (!Objects.equals(resolved.linkedTaskPosition(), item.linkedTaskPosition())
                    || resolved.counted() != item.counted()) {
                relinked.add(resolved);
            }
        }
        return new Outcome(linkedFresh, relinked);
    }

    /** The change linked to its preferred task within the window, or unlinked when there is none. */
    private static StatsItem resolve(StatsItem change, Map<Target, List<StatsItem>> tasks) {
        Optional<StatsItem> task = within(tasks.getOrDefault(target(change), List.of()), change.occurredAt())
                .stream().min(TaskLinkRule.preference(change.occurredAt(), StatsItem::occurredAt, StatsItem::stream));
        return task.map(change::linkedTo).orElseGet(change::unlinked);
    }

    /** The tasks of a list sorted by start whose start lies within the window of {@code call}. */
    private static List<StatsItem> within(List<StatsItem> sortedTasks, Instant call) {
        Instant low = call.minus(TaskLinkRule.WINDOW);
        int first = firstAtOrAfter(sortedTasks, low);
        List<StatsItem> found = new ArrayList<>(2);
        for (int i = first; i < sortedTasks.size() && TaskLinkRule.inWindow(call, sortedTasks.get(i).occurredAt()); i++) {
            found.add(sortedTasks.get(i));
        }
        return found;
    }

    private static int firstAtOrAfter(List<StatsItem> sortedTasks, Instant low) {
        int lo = 0;
        int hi = sortedTasks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedTasks.get(mid).occurredAt().isBefore(low)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Target target(StatsItem item) {
        return new Target(item.hostId(), item.guest());
    }
}
