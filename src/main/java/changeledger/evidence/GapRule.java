package changeledger.evidence;

import changeledger.evidence.EvidenceEvent.EvidenceGapClosed;
import changeledger.evidence.EvidenceEvent.EvidenceGapOpened;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a host's gap events from the signs of life of its sources that report tasks; pure. A gap opens when every
 * such source has been silent longer than the allowed silence, from the last sign of life; it closes at the first
 * sign of life after it.
 */
public final class GapRule {

    private GapRule() {
    }

    /**
     * The last sign of life of a source that reports tasks.
     *
     * @param source    the source
     * @param lastSeen  its last sign of life
     * @param resumedAt its first sign of life after a silence longer than allowed, or null
     */
    public record TaskSign(String source, Instant lastSeen, Instant resumedAt) {
    }

    /** The events that bring the host's gaps up to {@code now}; empty when nothing changed. */
    public static List<EvidenceEvent> decide(String hostId, Optional<EvidenceGap> open, List<TaskSign> signs,
                                             Instant now, Duration maxSilence) {
        if (signs.isEmpty()) {
            return List.of();
        }
        List<EvidenceEvent> events = new ArrayList<>(2);
        if (open.isPresent()) {
            EvidenceGap gap = open.get();
            Optional<Instant> back = signs.stream().filter(s -> s.lastSeen().isAfter(gap.from()))
                    .map(s -> s.resumedAt() != null && s.resumedAt().isAfter(gap.from()) ? s.resumedAt() : s.lastSeen())
                    .min(Comparator.naturalOrder());
            if (back.isEmpty()) {
                return List.of();
            }
            events.add(new EvidenceGapClosed(hostId, gap.source(), back.get()));
        }
        TaskSign latest = signs.stream().max(Comparator.comparing(TaskSign::lastSeen)).orElseThrow();
        if (Duration.between(latest.lastSeen(), now).compareTo(maxSilence) > 0) {
            events.add(new EvidenceGapOpened(hostId, latest.source(), latest.lastSeen()));
        }
        return events;
    }
}
