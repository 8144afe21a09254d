package changeledger.evidence;

import java.time.Instant;
import java.util.List;

/**
 * A collector's heartbeat, validated: the sources it read on this run.
 *
 * @param collectorVersion the collector's version
 * @param sources          the sources, each at most once
 */
public record Heartbeat(String collectorVersion, List<SourceReport> sources) {

    /** Copies the list. */
    public Heartbeat {
        sources = List.copyOf(sources);
    }

    /**
     * One source of a heartbeat.
     *
     * @param source     the source
     * @param lastLineAt the time of the last line the collector read, or null
     * @param lossFrom   the start of a possible loss, or null
     * @param lossTo     its end, or null
     */
    public record SourceReport(EvidenceSource source, Instant lastLineAt, Instant lossFrom, Instant lossTo) {
    }
}
