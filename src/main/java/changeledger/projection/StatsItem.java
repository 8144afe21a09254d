package changeledger.projection;

import changeledger.domain.EventClass;
import changeledger.host.ChangeTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One countable thing of the change statistics: a task (at its start), an access-log change, a manual change entry or
 * a configuration drift, with whether it counts and, for an access-log change, the task it is linked to, for a drift
 * the task or access-log change that explains it.
 *
 * @param position           the position of the event it comes from
 * @param eventId            that event's id
 * @param hostId             the host
 * @param kind               task, access-log change or manual entry
 * @param stream             the event's aggregate id ({@code <hostId>/<UPID>} for a task)
 * @param guest              the guest id as raw text, or null for the node
 * @param eventClass         the class it counts in
 * @param occurredAt         when: a task's start, the logged time of a call, an entry's occurredAt, a drift's window end
 * @param counted            whether it counts (false: a linked access-log change or drift, a retracted entry)
 * @param linkedTaskPosition the position of the linked task's start event (for a drift: of the task or call that
 *                           explains it), or null
 * @param linkedTaskStream   the linked task's (or call's) stream, or null
 * @param linkTypes          a task's type, or the task types an access-log call spawns ({@link TaskLinkRule}); for a
 *                           drift that shows a guest appear, {@link #MIGRATION_TYPES}; empty for a synchronous call, a
 *                           manual entry and any other drift
 * @param target             what it changed ({@link ObservedTarget})
 * @param windowStart        a drift's window start (exclusive; the window ends at {@code occurredAt}); null otherwise
 * @param security           whether it is a security change
 * @param failed             for a migration task, whether its finish failed: it then explains no drift of another host
 * @param endedAt            for a migration task, when it ended (from its finish), or null while none is known
 */
record StatsItem(long position, UUID eventId, String hostId, Kind kind, String stream, String guest,
                 String eventClass, Instant occurredAt, boolean counted, Long linkedTaskPosition,
                 String linkedTaskStream, List<String> linkTypes, String target, Instant windowStart,
                 boolean security, boolean failed, Instant endedAt) {

    /**
     * The task types that bring a guest from another member of its host's cluster (ADR 0065): a drift that shows a
     * guest appear keeps them as its link types.
     */
    static final List<String> MIGRATION_TYPES = List.of("qmigrate", "vzmigrate");

    /** Copies the list. */
    StatsItem {
        linkTypes = linkTypes == null ? List.of() : List.copyOf(linkTypes);
    }

    /** Whether the item takes part in linking: a task, or a call that spawns a task. */
    boolean linkable() {
        return kind == Kind.TASK || (kind == Kind.ACCESS && !linkTypes.isEmpty());
    }

    /** The item as a call of {@link TaskLinkRule}. */
    TaskLinkRule.Call asCall() {
        return new TaskLinkRule.Call(hostId, guest, linkTypes, occurredAt, eventId.toString());
    }

    /** The item as a task of {@link TaskLinkRule}; its guest only when its id is a guest's. */
    TaskLinkRule.Task asTask() {
        return new TaskLinkRule.Task(hostId, ChangeTarget.isGuest(guest) ? guest : null,
                linkTypes.isEmpty() ? null : linkTypes.get(0), occurredAt, stream);
    }

    /** What an item is. */
    enum Kind {
        TASK("task"), ACCESS("access"), MANUAL("manual"), DRIFT("drift"), INCIDENT("incident");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        /** The value stored in {@code change_stats_item.kind}. */
        String column() {
            return column;
        }

        static Kind ofColumn(String value) {
            for (Kind kind : values()) {
                if (kind.column.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown item kind " + value);
        }
    }

    /** The same access-log change linked to {@code task}: it no longer counts. */
    StatsItem linkedTo(StatsItem task) {
        return explainedBy(task.position(), task.stream());
    }

    /**
     * The same item linked to the change at {@code position} of {@code stream} (an access-log change to the task it
     * spawned, a drift to the task or call that explains it): it no longer counts.
     */
    StatsItem explainedBy(long position, String stream) {
        return new StatsItem(this.position, eventId, hostId, kind, this.stream, guest, eventClass, occurredAt, false,
                position, stream, linkTypes, target, windowStart, security, failed, endedAt);
    }

    /** Whether it may explain a drift: a task or access-log change of class change or disruptive. */
    boolean explainsDrifts() {
        return (kind == Kind.TASK || kind == Kind.ACCESS) && target != null
                && EventClass.in(eventClass, EventClass.EXPLAINING_DRIFT);
    }

    /**
     * Whether {@code change} explains this drift: a change of its host and target that started in its window
     * ({@code (windowStart, occurredAt]}), or, for a drift that shows a guest appear, a migration of that guest that did
     * not fail, on another member of its host's cluster ({@code clusterOf} gives the cluster of each host in one), whose
     * span overlaps the window: it started at or before the window's end and ended after its start (ADR 0068).
     */
    boolean explainedBy(StatsItem change, Map<String, String> clusterOf) {
        if (kind != Kind.DRIFT || !change.explainsDrifts() || change.occurredAt().isAfter(occurredAt)) {
            return false;
        }
        if (hostId.equals(change.hostId())) {
            return target.equals(change.target()) && change.occurredAt().isAfter(windowStart);
        }
        String cluster = clusterOf.get(hostId);
        return appeared() && change.bringsGuest() && guest.equals(change.guest()) && cluster != null
                && cluster.equals(clusterOf.get(change.hostId())) && change.spanEnd().isAfter(windowStart);
    }

    /** Where a migration's span ends as far as the record knows: its end, else (no finish yet) its start. */
    Instant spanEnd() {
        return endedAt != null ? endedAt : occurredAt;
    }

    /** Whether it is a drift that shows a guest appear on its host. */
    boolean appeared() {
        return kind == Kind.DRIFT && guest != null && linkTypes.equals(MIGRATION_TYPES);
    }

    /** Whether it is a migration task of a guest that did not fail: it may explain the guest's appearance elsewhere. */
    boolean bringsGuest() {
        return kind == Kind.TASK && guest != null && !failed && linkTypes.size() == 1
                && MIGRATION_TYPES.contains(linkTypes.get(0));
    }

    /** The same migration task with its finish: when it ended, whether it failed. */
    StatsItem finished(Instant end, boolean failedFinish) {
        return new StatsItem(position, eventId, hostId, kind, stream, guest, eventClass, occurredAt, counted,
                linkedTaskPosition, linkedTaskStream, linkTypes, target, windowStart, security, failedFinish, end);
    }

    /** The same access-log change linked to no task: it counts. */
    StatsItem unlinked() {
        return new StatsItem(position, eventId, hostId, kind, stream, guest, eventClass, occurredAt, true, null, null,
                linkTypes, target, windowStart, security, failed, endedAt);
    }
}
