package changeledger.report;

import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ProxmoxNotificationReceived;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.projection.EventIndexRepository.Timed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A host's failed tasks for the report, each failure once: a failed backup that the task index and a Proxmox
 * notification both show is listed as its task.
 *
 * <p>pve-manager {@code PVE/VZDump.pm} {@code exec_backup} sends the job's notification ({@code type} {@code vzdump},
 * severity {@code error} when a guest failed) inside the {@code vzdump} task, after the last guest and before the task
 * dies with the job's error, and a node runs one backup job at a time ({@code /var/run/vzdump.lock}). So a failed
 * backup notification about the host's node, sent while a failed {@code vzdump} task of the same host ran, or shortly
 * after its recorded end (the index's end time is whole seconds, and a notification target may be slow to answer), is
 * that task's failure.
 */
final class FailedTasks {

    /** How long after a failed backup task's recorded end its notification is still the same failure. */
    static final Duration NOTIFIED_AFTER_END = Duration.ofMinutes(1);

    private static final String BACKUP = "vzdump";

    private FailedTasks() {
    }

    /**
     * The rows as the report lists them; {@code read} loads events by position and is called only when the rows hold
     * a notification as well as a task.
     */
    static List<StabilityReport.FailedTask> of(List<Timed> rows, Function<long[], List<StoredEvent>> read) {
        boolean notified = rows.stream().anyMatch(r -> ProxmoxNotificationReceived.TYPE.equals(r.eventType()));
        boolean tasks = rows.stream().anyMatch(r -> ProxmoxTaskFinished.TYPE.equals(r.eventType()));
        List<Timed> listed = notified && tasks ? withoutRepeatedBackups(rows, read) : rows;
        return listed.stream().map(t -> new StabilityReport.FailedTask(t.event().position(), t.occurredAt(),
                t.event().guest(), t.event().summary())).toList();
    }

    private static List<Timed> withoutRepeatedBackups(List<Timed> rows, Function<long[], List<StoredEvent>> read) {
        Map<Long, StoredEvent> events = read.apply(rows.stream().mapToLong(r -> r.event().position()).sorted().toArray())
                .stream().collect(Collectors.toMap(StoredEvent::position, Function.identity()));
        List<Instant[]> backups = new ArrayList<>();
        for (Timed row : rows) {
            StoredEvent event = events.get(row.event().position());
            if (ProxmoxTaskFinished.TYPE.equals(row.eventType()) && event != null
                    && BACKUP.equals(event.payload().path("type").asText())) {
                backups.add(new Instant[] {Instant.parse(event.payload().path("startTime").asText()),
                    row.occurredAt().plus(NOTIFIED_AFTER_END)});
            }
        }
        return rows.stream().filter(row -> !repeats(row, events.get(row.event().position()), backups)).toList();
    }

    private static boolean repeats(Timed row, StoredEvent event, List<Instant[]> backups) {
        if (!ProxmoxNotificationReceived.TYPE.equals(row.eventType()) || event == null
                || !BACKUP.equals(event.payload().path("type").asText())
                || !ProxmoxNotificationReceived.ofHostNode(event.payload().path("fields").path("hostname")
                .asText(null), event.payload().path("node").asText(null))) {
            // another node's backup, sent to this host by a cluster's one target, is no failure of this host's task
            return false;
        }
        Instant sent = row.occurredAt();
        return backups.stream().anyMatch(span -> !sent.isBefore(span[0]) && !sent.isAfter(span[1]));
    }
}
