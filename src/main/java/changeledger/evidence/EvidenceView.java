package changeledger.evidence;

import java.time.Instant;
import java.util.List;

/**
 * A host's evidence as {@code GET /api/v1/hosts/{id}/evidence} shows it.
 *
 * @param hostId  the host
 * @param from    the start of the span asked for
 * @param to      its end (exclusive)
 * @param sources every source that ever showed a sign of life, by name
 * @param gaps    the gaps overlapping the span, cut at its bounds; {@code to} null while open
 */
public record EvidenceView(String hostId, Instant from, Instant to, List<Source> sources, List<EvidenceGap> gaps) {

    /**
     * A source's last sign of life.
     *
     * @param name             the source
     * @param lastSeenAt       its last upload, heartbeat or successful pull
     * @param firstSeenAt      its first sign of life
     * @param lastLineAt       the time of the last line the collector read, as its last heartbeat said, or null
     * @param collectorVersion the version the collector last sent, or null
     */
    public record Source(String name, Instant lastSeenAt, Instant firstSeenAt, Instant lastLineAt,
                         String collectorVersion) {
    }
}
