package changeledger.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies {@link TaskLinkRule} to a batch: links each new access-log call to the task it spawned, and re-links stored
 * calls whose match the new items change (a task may arrive after the call that spawned it, from another collector,
 * and may take a call from a task farther away). Pure: the caller loads the stored items around the batch's ones.
 * <p>
 * A match depends only on the items of its chain: the linkable items (tasks, calls that spawn a task) of one host in
 * time order, split wherever two lie more than {@link TaskLinkRule#WINDOW} apart, since no pair across such a gap can
 * link. So the caller loads whole chains: {@link #incomplete} says which loaded ranges must grow until the chains
 * that hold new items lie inside them with a window to spare.
 */
final class AccessLinker {

    /** How far around a new item stored items are loaded first. */
    static final Duration REACH = TaskLinkRule.WINDOW.multipliedBy(2);

    private static final Comparator<StatsItem> TIME_ORDER =
            Comparator.comparing(StatsItem::occurredAt).thenComparingLong(StatsItem::position);

    private AccessLinker() {
    }

    /**
     * The outcome of a batch.
     *
     * @param fresh    the batch's new items, access-log calls with their final link
     * @param relinked stored access-log calls whose link changed
     */
    record Outcome(List<StatsItem> fresh, List<StatsItem> relinked) {
    }

    /**
     * A loaded range of one host.
     *
     * @param hostId the host
     * @param low    the first instant loaded (inclusive)
     * @param high   the last instant loaded (inclusive)
     */
    record Range(String hostId, Instant low, Instant high) {
    }

    /**
     * The ranges that must be loaded wider: those where a chain holding a new item comes within a window of the
     * range's edge, widened past that chain's end (at least doubling the range, so long chains take few reads).
     */
    static List<Range> incomplete(Collection<StatsItem> stored, List<StatsItem> fresh, List<Range> loaded) {
        List<Range> wider = new ArrayList<>();
        Map<String, List<List<StatsItem>>> chains = freshChains(stored, fresh);
        for (Range range : loaded) {
            Duration span = Duration.between(range.low(), range.high());
            Duration grow = span.compareTo(REACH) > 0 ? span : REACH;
            Instant low = range.low();
            Instant high = range.high();
            for (List<StatsItem> chain : chains.getOrDefault(range.hostId(), List.of())) {
                Instant first = chain.get(0).occurredAt();
                Instant last = chain.get(chain.size() - 1).occurredAt();
                if (last.isBefore(range.low()) || first.isAfter(range.high())) {
                    continue;
                }
                if (first.minus(TaskLinkRule.WINDOW).isBefore(range.low())) {
                    low = min(low, first.minus(grow));
                }
                if (last.plus(TaskLinkRule.WINDOW).isAfter(range.high())) {
                    high = max(high, last.plus(grow));
                }
            }
            if (!low.equals(range.low()) || !high.equals(range.high())) {
                wider.add(new Range(range.hostId(), low, high));
            }
        }
        return wider;
    }

    /**
     * Links a batch.
     *
     * @param stored every stored task and access-log call of the batch's hosts in ranges that hold whole the chains of
     *               the batch's items ({@link #incomplete} returns none)
     * @param fresh  the batch's new items in order (any kind; access-log calls still unlinked)
     */
    static Outcome link(Collection<StatsItem> stored, List<StatsItem> fresh) {
        Map<Long, StatsItem> matched = new HashMap<>();
        Set<Long> inFreshChains = new HashSet<>();
        freshChains(stored, fresh).values().forEach(chains -> chains.forEach(chain -> {
            chain.forEach(item -> inFreshChains.add(item.position()));
            matched.putAll(match(chain));
        }));
        List<StatsItem> linkedFresh = new ArrayList<>(fresh.size());
        for (StatsItem item : fresh) {
            linkedFresh.add(item.kind() == StatsItem.Kind.ACCESS ? resolve(item, matched) : item);
        }
        List<StatsItem> relinked = new ArrayList<>();
        for (StatsItem item : stored) {
            if (item.kind() != StatsItem.Kind.ACCESS || !inFreshChains.contains(item.position())) {
                continue;
            }
            StatsItem resolved = resolve(item, matched);
            if (!Objects.equals(resolved.linkedTaskPosition(), item.linkedTaskPosition())
                    || resolved.counted() != item.counted()) {
                relinked.add(resolved);
            }
        }
        return new Outcome(linkedFresh, relinked);
    }

    /** The task each call of one chain links to, by the call's position; calls that link to none are absent. */
    static Map<Long, StatsItem> match(List<StatsItem> chain) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            StatsItem call = chain.get(i);
            if (call.kind() != StatsItem.Kind.ACCESS) {
                continue;
            }
            TaskLinkRule.Call asCall = call.asCall();
            for (int step = -1; step <= 1; step += 2) {
                for (int j = i + step; j >= 0 && j < chain.size()
                        && TaskLinkRule.inWindow(call.occurredAt(), chain.get(j).occurredAt()); j += step) {
                    StatsItem task = chain.get(j);
                    if (task.kind() == StatsItem.Kind.TASK) {
                        TaskLinkRule.Task asTask = task.asTask();
                        if (TaskLinkRule.mayLink(asCall, asTask)) {
                            pairs.add(new Pair(call, task, asCall, asTask));
                        }
                    }
                }
            }
        }
        pairs.sort(TaskLinkRule.pairOrder(Pair::asCall, Pair::asTask));
        Map<Long, StatsItem> links = new HashMap<>();
        Set<Long> takenTasks = new HashSet<>();
        for (Pair pair : pairs) {
            if (!links.containsKey(pair.call().position()) && takenTasks.add(pair.task().position())) {
                links.put(pair.call().position(), pair.task());
            }
        }
        return links;
    }

    /** A call and a task that may link, with the rule's view of each built once for the sort. */
    private record Pair(StatsItem call, StatsItem task, TaskLinkRule.Call asCall, TaskLinkRule.Task asTask) {
    }

    /** The chains that hold at least one new item, per host. */
    private static Map<String, List<List<StatsItem>>> freshChains(Collection<StatsItem> stored, List<StatsItem> fresh) {
        Map<String, List<StatsItem>> byHost = new LinkedHashMap<>();
        Set<Long> freshPositions = new HashSet<>();
        for (StatsItem item : fresh) {
            if (item.linkable()) {
                byHost.computeIfAbsent(item.hostId(), h -> new ArrayList<>()).add(item);
                freshPositions.add(item.position());
            }
        }
        for (StatsItem item : stored) {
            if (item.linkable() && byHost.containsKey(item.hostId()) && !freshPositions.contains(item.position())) {
                byHost.get(item.hostId()).add(item);
            }
        }
        Map<String, List<List<StatsItem>>> chains = new HashMap<>();
        byHost.forEach((host, items) -> {
            items.sort(TIME_ORDER);
            List<List<StatsItem>> hostChains = new ArrayList<>();
            List<StatsItem> current = new ArrayList<>();
            boolean holdsFresh = false;
            for (StatsItem item : items) {
                if (!current.isEmpty() && !TaskLinkRule.inWindow(current.get(current.size() - 1).occurredAt(),
                        item.occurredAt())) {
                    if (holdsFresh) {
                        hostChains.add(current);
                    }
                    current = new ArrayList<>();
                    holdsFresh = false;
                }
                current.add(item);
                holdsFresh |= freshPositions.contains(item.position());
            }
            if (holdsFresh) {
                hostChains.add(current);
            }
            chains.put(host, hostChains);
        });
        return chains;
    }

    private static StatsItem resolve(StatsItem call, Map<Long, StatsItem> matched) {
        StatsItem task = matched.get(call.position());
        return task == null ? call.unlinked() : call.linkedTo(task);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
