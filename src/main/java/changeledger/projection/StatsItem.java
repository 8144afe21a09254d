package changeledger.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * One countable thing of the change statistics: a task (at its start), an access-log change or a manual change
 * entry, with whether it counts and, for an access-log change, the task it is linked to.
 *
 * @param position           the position of the event it comes from
 * @param eventId            that event's id
 * @param hostId             the host
 * @param kind               task, access-log change or manual entry
 * @param stream             the event's aggregate id ({@code <hostId>/<UPID>} for a task)
 * @param guest              the guest id as raw text, or null for the node
 * @param eventClass         the class it counts in
 * @param occurredAt         when: a task's start, the logged time of a call, an entry's occurredAt
 * @param counted            whether it counts (false: a linked access-log change, a retracted entry)
 * @param linkedTaskPosition the position of the linked task's start event, or null
 * @param linkedTaskStream   the linked task's stream, or null
 */
record StatsItem(long position, UUID eventId, String hostId, Kind kind, String stream, String guest,
                 String eventClass, Instant occurredAt, boolean counted, Long linkedTaskPosition,
                 String linkedTaskStream) {

    /** What an item is. */
    enum Kind {
        TASK("task"), ACCESS("access"), MANUAL("manual");

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
        return new StatsItem(position, eventId, hostId, kind, stream, guest, eventClass, occurredAt, false,
                task.position(), task.stream());
    }

    /** The same access-log change linked to no task: it counts. */
    StatsItem unlinked() {
        return new StatsItem(position, eventId, hostId, kind, stream, guest, eventClass, occurredAt, true, null, null);
    }
}
