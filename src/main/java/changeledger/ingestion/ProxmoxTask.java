package changeledger.ingestion;

import java.util.List;

/** The decision of the {@code ProxmoxTask} aggregate: which events a sighting adds to a task's stream. */
public final class ProxmoxTask {

    private ProxmoxTask() {
    }

    /**
     * The events a sighting adds: both for a task first seen finished, the start for a task first seen
     * running, the finish for a running task seen finished, none for anything already known.
     *
     * @throws TaskSightingRejectedException for a UPID of another node, or a finish that differs from
     *                                       the stored one
     */
    public static List<ProxmoxTaskEvent> decide(RecordTaskSighting command, TaskState state) {
        TaskFact fact = command.fact();
        Upid upid = fact.upid();
        if (!upid.node().equals(command.node())) {
            throw new TaskSightingRejectedException("the UPID names node '" + upid.node() + "', but host '"
                    + command.hostId() + "' is node '" + command.node() + "'");
        }
        if (state instanceof TaskState.Unseen) {
            ProxmoxTaskStarted started = ProxmoxTaskStarted.of(command.hostId(), upid);
            return fact.isFinished()
                    ? List.of(started, ProxmoxTaskFinished.of(command.hostId(), upid, fact.end()))
                    : List.of(started);
        }
        if (state instanceof TaskState.Running) {
            return fact.isFinished() ? List.of(ProxmoxTaskFinished.of(command.hostId(), upid, fact.end()))
                    : List.of();
        }
        ProxmoxTaskFinished stored = ((TaskState.Finished) state).finished();
        if (fact.isFinished() && !stored.sameEndAs(fact.end())) {
            throw new TaskSightingRejectedException("conflicting finish: this line says end " + fact.end().endTime()
                    + ", status '" + fact.end().status() + "', but the task is recorded as ended " + stored.endTime()
                    + " with status '" + stored.status() + "'; a task is not recorded as finished twice");
        }
        return List.of();
    }
}
