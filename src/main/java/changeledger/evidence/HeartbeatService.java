package changeledger.evidence;

import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.evidence.EvidenceEvent.EvidenceLossReported;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a heartbeat in one transaction: a sign of life per named source, and a reported possible loss as a gap
 * ({@link EvidenceLossReported}); the same loss sent again is stored once.
 */
@ApplicationScoped
public class HeartbeatService {

    private static final int ATTEMPTS = 3;

    private final SignsOfLife signs;
    private final EvidenceGaps gaps;

    /** Wires the service. */
    public HeartbeatService(SignsOfLife signs, EvidenceGaps gaps) {
        this.signs = signs;
        this.gaps = gaps;
    }

    /** Records the heartbeat of a host's collector. */
    public void record(String hostId, Heartbeat heartbeat, EventMetadata metadata) {
        ConflictRetry.inNewTransaction(ATTEMPTS, () -> {
            List<EvidenceEvent> losses = new ArrayList<>();
            for (Heartbeat.SourceReport report : heartbeat.sources()) {
                signs.seen(hostId, report.source(), report.lastLineAt(), heartbeat.collectorVersion());
                if (report.lossFrom() != null) {
                    losses.add(new EvidenceLossReported(hostId, report.source().wireName(), report.lossFrom(),
                            report.lossTo()));
                }
            }
            if (!losses.isEmpty()) {
                EvidenceGaps.State state = gaps.state(hostId);
                List<EvidenceEvent> fresh = losses.stream().filter(loss -> !known(state, (EvidenceLossReported) loss))
                        .toList();
                if (!fresh.isEmpty()) {
                    gaps.append(hostId, state.lastSequence(), fresh, metadata);
                }
            }
            return null;
        });
    }

    private static boolean known(EvidenceGaps.State state, EvidenceLossReported loss) {
        return state.gaps().contains(new EvidenceGap(loss.source(), loss.from(), loss.to()));
    }
}
