package changeledger.evidence;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.AppendResult;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.evidence.EvidenceEvent.EvidenceGapClosed;
import changeledger.evidence.EvidenceEvent.EvidenceGapOpened;
import changeledger.evidence.EvidenceEvent.EvidenceLossReported;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A host's gaps, read from its evidence stream (the events are the read model: a replay of the projections cannot
 * change them), and the append of new gap events with the stream's expected sequence.
 */
@ApplicationScoped
public class EvidenceGaps {

    /**
     * A host's evidence stream folded.
     *
     * @param lastSequence the stream's last sequence, or {@link AppendRequest#NEW_STREAM}
     * @param gaps         every gap, in the order they were recorded
     */
    public record State(long lastSequence, List<EvidenceGap> gaps) {

        /** The open silence, if any. */
        public Optional<EvidenceGap> open() {
            return gaps.stream().filter(EvidenceGap::open).findFirst();
        }
    }

    private final EventStore store;
    private final EventCodec<EvidenceEvent> codec;

    /** Wires the reader. */
    public EvidenceGaps(EventStore store, ObjectMapper mapper) {
        this.store = store;
        this.codec = new EventCodec<>(EvidenceEvent.class, mapper, Map.of());
    }

    /** The host's stream, folded. */
    public State state(String hostId) {
        List<StoredEvent> stream = store.readStream(aggregate(hostId));
        List<EvidenceEvent> events = stream.stream().map(codec::decode).toList();
        return new State(stream.isEmpty() ? AppendRequest.NEW_STREAM : stream.get(stream.size() - 1).sequence(),
                fold(events));
    }

    /** The host's gaps that overlap {@code [from, to)}, cut at its bounds; a gap still open stays open. */
    public List<EvidenceGap> between(String hostId, Instant from, Instant to) {
        return clip(state(hostId).gaps(), from, to);
    }

    /** Gaps cut to {@code [from, to)}: an open gap keeps a null end (the caller decides whether the span is over). */
    static List<EvidenceGap> clip(List<EvidenceGap> gaps, Instant from, Instant to) {
        List<EvidenceGap> inside = new ArrayList<>();
        for (EvidenceGap gap : gaps) {
            if (!gap.overlaps(from, to)) {
                continue;
            }
            Instant start = gap.from().isBefore(from) ? from : gap.from();
            Instant end = gap.to() == null ? null : gap.to().isAfter(to) ? to : gap.to();
            if (end == null || end.isAfter(start)) {
                inside.add(new EvidenceGap(gap.source(), start, end));
            }
        }
        inside.sort(java.util.Comparator.comparing(EvidenceGap::from).thenComparing(EvidenceGap::source));
        return inside;
    }

    /** The gaps the events describe, in the order they were recorded. */
    static List<EvidenceGap> fold(List<EvidenceEvent> events) {
        List<EvidenceGap> gaps = new ArrayList<>();
        int open = -1;
        for (EvidenceEvent event : events) {
            if (event instanceof EvidenceGapOpened opened) {
                gaps.add(new EvidenceGap(opened.source(), opened.from(), null));
                open = gaps.size() - 1;
            } else if (event instanceof EvidenceGapClosed closed && open >= 0) {
                EvidenceGap gap = gaps.get(open);
                gaps.set(open, new EvidenceGap(gap.source(), gap.from(), closed.to()));
                open = -1;
            } else if (event instanceof EvidenceLossReported loss) {
                gaps.add(new EvidenceGap(loss.source(), loss.from(), loss.to()));
            }
        }
        return gaps;
    }

    /**
     * Appends gap events in the caller's transaction and returns those stored now. Ids are name-based on host and
     * sequence, so two instances that decide the same thing store it once (the slower one's append is a duplicate),
     * and when they decide differently the slower one's conflict makes it read and decide again.
     */
    public List<EvidenceEvent> append(String hostId, long expectedSequence, List<EvidenceEvent> events,
                                      EventMetadata metadata) {
        List<NewEvent> encoded = new ArrayList<>(events.size());
        long sequence = expectedSequence;
        for (EvidenceEvent event : events) {
            sequence++;
            UUID id = UUID.nameUUIDFromBytes(("evidence/" + hostId + "/" + sequence).getBytes(StandardCharsets.UTF_8));
            encoded.add(codec.encode(id, event, occurredAt(event)));
        }
        Set<UUID> stored = store.append(new AppendRequest(aggregate(hostId), expectedSequence, encoded), metadata)
                .appended().stream().map(AppendResult.Appended::eventId).collect(Collectors.toSet());
        List<EvidenceEvent> appended = new ArrayList<>(stored.size());
        for (int i = 0; i < events.size(); i++) {
            if (stored.contains(encoded.get(i).id())) {
                appended.add(events.get(i));
            }
        }
        return appended;
    }

    private static Instant occurredAt(EvidenceEvent event) {
        if (event instanceof EvidenceGapOpened opened) {
            return opened.from();
        }
        if (event instanceof EvidenceGapClosed closed) {
            return closed.to();
        }
        return ((EvidenceLossReported) event).from();
    }

    private static AggregateRef aggregate(String hostId) {
        return new AggregateRef(EvidenceEvent.AGGREGATE_TYPE, hostId);
    }
}
