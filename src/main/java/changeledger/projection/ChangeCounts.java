package changeledger.projection;

import changeledger.domain.EventClass;

/**
 * How many things of each class a host saw in a span of time, as the change statistics count them: tasks in
 * their class, access-log changes not linked to a task as {@code change}, manual change entries as
 * {@code manual}.
 *
 * @param change     changes: tasks of class change and unlinked access-log changes
 * @param disruptive disruptive tasks
 * @param start      start tasks
 * @param routine    routine tasks
 * @param access     console and file access tasks
 * @param unknown    tasks of a type the class table does not know
 * @param manual     manual entries of kind change, not retracted
 * @param incident   incidents: fencing, memory kills, crashes, boots after no clean shutdown (never in the budget)
 */
public record ChangeCounts(long change, long disruptive, long start, long routine, long access, long unknown,
                           long manual, long incident) {

    /** Nothing counted. */
    public static final ChangeCounts ZERO = new ChangeCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * These counts with {@code n} more of a class; an unknown class name counts as {@code unknown}.
     */
    public ChangeCounts plus(String eventClass, long n) {
        return switch (EventClass.fromJson(eventClass).orElse(EventClass.UNKNOWN)) {
            case CHANGE -> new ChangeCounts(change + n, disruptive, start, routine, access, unknown, manual, incident);
            case DISRUPTIVE -> new ChangeCounts(change, disruptive + n, start, routine, access, unknown, manual, incident);
            case START -> new ChangeCounts(change, disruptive, start + n, routine, access, unknown, manual, incident);
            case ROUTINE -> new ChangeCounts(change, disruptive, start, routine + n, access, unknown, manual, incident);
            case ACCESS -> new ChangeCounts(change, disruptive, start, routine, access + n, unknown, manual, incident);
            case MANUAL -> new ChangeCounts(change, disruptive, start, routine, access, unknown, manual + n, incident);
            case UNKNOWN -> new ChangeCounts(change, disruptive, start, routine, access, unknown + n, manual, incident);
            case INCIDENT -> new ChangeCounts(change, disruptive, start, routine, access, unknown, manual,
                    incident + n);
        };
    }

    /** The sum of both. */
    public ChangeCounts plus(ChangeCounts other) {
        return new ChangeCounts(change + other.change, disruptive + other.disruptive, start + other.start,
                routine + other.routine, access + other.access, unknown + other.unknown, manual + other.manual,
                incident + other.incident);
    }
}
