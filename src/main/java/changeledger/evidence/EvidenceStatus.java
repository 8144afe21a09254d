package changeledger.evidence;

import changeledger.host.HostEvidenceStatus;
import changeledger.host.HostView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** A host's evidence for the host resource, the evidence resource and the report. */
@ApplicationScoped
public class EvidenceStatus implements HostEvidenceStatus {

    private final SignsOfLife signs;
    private final EvidenceGaps gaps;

    /** Wires the reads. */
    public EvidenceStatus(SignsOfLife signs, EvidenceGaps gaps) {
        this.signs = signs;
        this.gaps = gaps;
    }

    @Override
    public HostView.Evidence of(String hostId) {
        List<HostView.Source> sources = signs.of(hostId).stream()
                .map(s -> new HostView.Source(s.source, s.lastSeenAt)).toList();
        List<HostView.Gap> open = gaps.state(hostId).gaps().stream().filter(EvidenceGap::open)
                .map(g -> new HostView.Gap(g.source(), g.from(), null)).toList();
        return new HostView.Evidence(sources, open);
    }

    /** The host's sources and its gaps in {@code [from, to)}. */
    public EvidenceView view(String hostId, Instant from, Instant to) {
        List<EvidenceView.Source> sources = signs.of(hostId).stream().map(s -> new EvidenceView.Source(s.source,
                s.lastSeenAt, s.firstSeenAt, s.lastLineAt, s.collectorVersion)).toList();
        return new EvidenceView(hostId, from, to, sources, gaps.between(hostId, from, to));
    }

    /**
     * Whether a source of the host was alive at some time in {@code [from, to)}: its signs of life span
     * {@code [firstSeen, lastSeen]} and no gap covers the whole span. A sign of life without events (a quiet host).
     */
    public boolean aliveWithin(String hostId, Instant from, Instant to) {
        boolean spans = signs.of(hostId).stream()
                .anyMatch(s -> s.firstSeenAt.isBefore(to) && !s.lastSeenAt.isBefore(from));
        if (!spans) {
            return false;
        }
        return gaps.between(hostId, from, to).stream()
                .noneMatch(g -> !g.from().isAfter(from) && (g.to() == null || !g.to().isBefore(to)));
    }
}
