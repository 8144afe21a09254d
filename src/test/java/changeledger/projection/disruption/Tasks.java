package changeledger.projection.disruption;

import static changeledger.support.UpidBuilder.upid;

import changeledger.ingestion.TaskClassTable;
import changeledger.ingestion.TaskStatus;
import java.time.Duration;
import java.time.Instant;

/** Task facts for the rules' tests, classified by the built-in class table as the projection does. */
final class Tasks {

    static final String HOST = "rules-host";
    static final Instant T0 = Instant.parse("2026-11-10T08:00:00Z");
    private static final TaskClassTable TABLE = TaskClassTable.builtIn();

    private Tasks() {
    }

    /** A task of {@code type} on {@code id} that started {@code startMinute} minutes after T0 and is still running. */
    static DisruptionTask running(String type, String id, double startMinute) {
        return task(type, id, startMinute, null, null);
    }

    /** A task that ran from {@code startMinute} to {@code endMinute} with status OK. */
    static DisruptionTask ok(String type, String id, double startMinute, double endMinute) {
        return task(type, id, startMinute, endMinute, "OK");
    }

    /** A task that ran from {@code startMinute} to {@code endMinute} and failed. */
    static DisruptionTask failed(String type, String id, double startMinute, double endMinute) {
        return task(type, id, startMinute, endMinute, "VM quit/powerdown failed - got timeout");
    }

    /** A task as the projection sees it. */
    static DisruptionTask task(String type, String id, double startMinute, Double endMinute, String status) {
        Instant start = at(startMinute);
        String upid = upid().node("pve-rules").type(type).id(id).startTime(start).text();
        String target = DisruptionTask.targetOf(type, id);
        return new DisruptionTask(HOST, upid, target, DisruptionTask.guestOf(target), type, TABLE.window(type), TABLE.classify(type), start,
                endMinute == null ? null : at(endMinute), status != null && TaskStatus.failed(status));
    }

    /** The same task, seen only by its start. */
    static DisruptionTask startOf(DisruptionTask task) {
        return new DisruptionTask(task.hostId(), task.upid(), task.target(), task.guest(), task.type(), task.window(),
                task.taskClass(), task.startTime(), null, false);
    }

    /** T0 plus whole seconds of {@code minutes}; UPIDs have whole seconds. */
    static Instant at(double minutes) {
        return T0.plus(Duration.ofSeconds(Math.round(minutes * 60)));
    }
}
