package changeledger.report;

import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ReplicationLagObserved;
import changeledger.projection.GuestHistory;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replication jobs of a host that lagged behind their schedule in a month (ADR 0066), from the month's
 * {@link ReplicationLagObserved} readings: one line per job, with the longest lag a reading saw (the reading's time
 * less the job's {@code last_sync}: how old the replica was then).
 */
final class ReplicationLags {

    private ReplicationLags() {
    }

    /** The jobs the lag readings (of one host, in time order) show lagging, by job id. */
    static List<StabilityReport.ReplicationLag> of(String hostId, List<StoredEvent> readings, GuestHistory names) {
        Map<String, List<StoredEvent>> byJob = new TreeMap<>();
        for (StoredEvent reading : readings) {
            byJob.computeIfAbsent(reading.payload().path("jobId").asText(), job -> new ArrayList<>()).add(reading);
        }
        List<StabilityReport.ReplicationLag> lags = new ArrayList<>(byJob.size());
        byJob.forEach((jobId, jobReadings) -> lags.add(job(hostId, jobId, jobReadings, names)));
        return lags;
    }

    private static StabilityReport.ReplicationLag job(String hostId, String jobId, List<StoredEvent> readings,
                                                      GuestHistory names) {
        Instant firstSeen = null;
        Instant lastSeen = null;
        Long longest = null;
        Instant lastSyncOfLongest = null;
        boolean failing = false;
        boolean overdue = false;
        int maxFailCount = 0;
        String lastError = null;
        String guest = null;
        String target = null;
        for (StoredEvent reading : readings) {
            JsonNode p = reading.payload();
            Instant at = reading.occurredAt();
            firstSeen = firstSeen == null || at.isBefore(firstSeen) ? at : firstSeen;
            lastSeen = lastSeen == null || at.isAfter(lastSeen) ? at : lastSeen;
            guest = text(p, "guestId");
            target = text(p, "target");
            int failCount = p.path("failCount").asInt(0);
            failing |= failCount > 0;
            overdue |= p.path("overdue").asBoolean(false);
            maxFailCount = Math.max(maxFailCount, failCount);
            String error = text(p, "error");
            lastError = error != null ? error : lastError;
            String lastSync = text(p, "lastSync");
            if (lastSync != null) {
                long minutes = Duration.between(Instant.parse(lastSync), at).toMinutes();
                if (longest == null || minutes > longest) {
                    longest = minutes;
                    lastSyncOfLongest = Instant.parse(lastSync);
                }
            }
        }
        return new StabilityReport.ReplicationLag(jobId, guest, names.nameAt(hostId, guest, firstSeen), target,
                failing, overdue, readings.size(), firstSeen, lastSeen, lastSyncOfLongest, longest, maxFailCount,
                lastError);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
