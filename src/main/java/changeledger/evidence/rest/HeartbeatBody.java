package changeledger.evidence.rest;

import changeledger.domain.ProblemException;
import changeledger.evidence.EvidenceSource;
import changeledger.evidence.Heartbeat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/hosts/{id}/ingest/heartbeat}:
 * {@code {collector: {version}, sources: [{name, lastLineAt?, possibleLoss?: {from, to}}]}}. Strict, as the
 * service's own bodies are: an unknown or wrong-typed field is a 400 naming it.
 *
 * @param collector the collector that sent it
 * @param sources   the sources it read on this run
 */
public record HeartbeatBody(Collector collector, List<SourceBody> sources) {

    /** Longest collector version accepted. */
    static final int MAX_VERSION = 64;
    /** Most sources in one heartbeat (each source at most once). */
    static final int MAX_SOURCES = EvidenceSource.values().length;

    /**
     * The collector.
     *
     * @param version its version
     */
    public record Collector(String version) {
    }

    /**
     * One source.
     *
     * @param name         the source: {@code task-index}, {@code access-log}, {@code config} or {@code journal}
     * @param lastLineAt   the time of the last line read, if the collector knows it
     * @param possibleLoss lines that may be lost (the task index rotated more than once between two runs)
     */
    public record SourceBody(String name, Instant lastLineAt, Range possibleLoss) {
    }

    /**
     * A span of time.
     *
     * @param from its start
     * @param to   its end
     */
    public record Range(Instant from, Instant to) {
    }

    private static final String SHAPE = "Send {\"collector\": {\"version\": \"1\"}, \"sources\": [{\"name\": "
            + "\"task-index\", \"lastLineAt\": \"2026-11-03T08:00:00Z\", \"possibleLoss\": {\"from\": ..., \"to\": "
            + "...}}]} (lastLineAt and possibleLoss are optional).";

    /** The heartbeat, or a 400 naming the field that is wrong. */
    Heartbeat validate() {
        if (collector == null || collector.version() == null || collector.version().isBlank()
                || collector.version().length() > MAX_VERSION) {
            throw ProblemException.badRequest("Field 'collector.version' must be 1 to " + MAX_VERSION
                    + " characters. " + SHAPE);
        }
        if (sources == null || sources.isEmpty() || sources.size() > MAX_SOURCES) {
            throw ProblemException.badRequest("Field 'sources' must name 1 to " + MAX_SOURCES
                    + " sources the collector read on this run. " + SHAPE);
        }
        Set<EvidenceSource> seen = EnumSet.noneOf(EvidenceSource.class);
        List<Heartbeat.SourceReport> reports = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            reports.add(source(i, sources.get(i), seen));
        }
        return new Heartbeat(collector.version(), reports);
    }

    private static Heartbeat.SourceReport source(int i, SourceBody body, Set<EvidenceSource> seen) {
        String field = "sources[" + i + "]";
        if (body == null) {
            throw ProblemException.badRequest("Field '" + field + "' must be an object with a 'name'. " + SHAPE);
        }
        EvidenceSource source = EvidenceSource.of(body.name()).filter(EvidenceSource::collector)
                .orElseThrow(() -> ProblemException.badRequest("Field '" + field + ".name' is '" + body.name()
                        + "': name one of " + EvidenceSource.collectorNames() + " (pull is the service's own "
                        + "sync, not a collector's source)."));
        if (!seen.add(source)) {
            throw ProblemException.badRequest("Field '" + field + ".name' names " + source.wireName()
                    + " a second time: name each source once.");
        }
        Range loss = body.possibleLoss();
        if (loss == null) {
            return new Heartbeat.SourceReport(source, body.lastLineAt(), null, null);
        }
        if (loss.from() == null || loss.to() == null || !loss.from().isBefore(loss.to())) {
            throw ProblemException.badRequest("Field '" + field + ".possibleLoss' needs 'from' before 'to', both "
                    + "ISO-8601 instants: the span in which lines may be lost.");
        }
        return new Heartbeat.SourceReport(source, body.lastLineAt(), loss.from(), loss.to());
    }
}
