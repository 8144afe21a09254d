package changeledger.query;

import changeledger.projection.TaskRow;
import changeledger.projection.GuestHistory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * A task as {@code GET /api/v1/hosts/{id}/tasks} shows it.
 *
 * @param upid            the UPID
 * @param type            the task type
 * @param start           when it started
 * @param end             when it ended; null while running
 * @param durationSeconds seconds from start to end, or to now while running
 * @param status          {@code OK}, {@code WARNINGS: N} or the error; null while running
 * @param taskClass       the class by the host's class table
 * @param guest           the guest id as raw text, or null
 * @param guestName       the guest's name when the task started; absent when no configuration snapshot named it
 * @param user            the user or API token that started it
 * @param failed          whether it failed; null while running
 * @param running         whether no finish is recorded yet
 * @param ranOn           the host it ran on when that is not the host asked for: a migration from another member of
 *                        the cluster that brought its guest here (ADR 0065; counted on that host); absent otherwise
 */
public record TaskView(String upid, String type, Instant start, Instant end, long durationSeconds, String status,
                       @JsonProperty("class") String taskClass, String guest,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String guestName, String user, Boolean failed,
                       boolean running, @JsonInclude(JsonInclude.Include.NON_NULL) String ranOn) {

    /**
     * The view of a row as host {@code hostId} lists it, {@code now} ending the duration of a running task, its guest
     * named from the history.
     */
    static TaskView of(String hostId, TaskRow row, Instant now, GuestHistory guests) {
        Instant until = row.end() != null ? row.end() : now.isAfter(row.start()) ? now : row.start();
        return new TaskView(row.upid(), row.type(), row.start(), row.end(),
                Duration.between(row.start(), until).toSeconds(), row.status(), row.taskClass(), row.guest(),
                guests.nameAt(row.hostId(), row.guest(), row.start()), row.user(), row.failed(), row.end() == null,
                hostId.equals(row.hostId()) ? null : row.hostId());
    }
}
