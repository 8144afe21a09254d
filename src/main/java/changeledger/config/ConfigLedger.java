package changeledger.config;

import changeledger.config.ConfigEvent.ConfigBaselineRecorded;
import changeledger.config.ConfigEvent.ConfigDriftObserved;
import changeledger.evidence.EvidenceClock;
import changeledger.evidence.EvidenceSource;
import changeledger.evidence.SignsOfLife;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventCodec;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.host.ChangeTarget;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Compares a new snapshot of a host with the latest one of the same source and records what differs: the first
 * snapshot of a source is the baseline of each target, then a changed, added or gone target is a drift. An unchanged
 * snapshot appends nothing. One host's snapshots are serialized; the stream is appended with its expected sequence.
 */
@ApplicationScoped
public class ConfigLedger {

    /**
     * What a snapshot added.
     *
     * @param baselines targets recorded for the first time
     * @param drifts    targets that changed, appeared or went away
     * @param unchanged targets as they were
     */
    public record Outcome(int baselines, int drifts, int unchanged) {
    }

    private final EventStore store;
    private final ConfigSnapshots snapshots;
    private final EvidenceClock clock;
    private final SignsOfLife signs;
    private final EventCodec<ConfigEvent> codec;

    /** Wires the ledger. */
    public ConfigLedger(EventStore store, ConfigSnapshots snapshots, EvidenceClock clock, SignsOfLife signs,
                        ObjectMapper mapper) {
        this.store = store;
        this.snapshots = snapshots;
        this.clock = clock;
        this.signs = signs;
        this.codec = new EventCodec<>(ConfigEvent.class, mapper, Map.of());
    }

    /**
     * Records a snapshot of a host's targets ({@code target -> entry id -> value}) taken now.
     *
     * @param covered the stored targets this snapshot speaks for: one it covers but does not hold has gone (a pull
     *                whose token may not read a path covers none of that path's targets)
     */
    @Transactional
    public Outcome record(String hostId, EvidenceSource source, Map<String, Map<String, String>> targets,
                          Predicate<String> covered, EventMetadata metadata) {
        ConfigSnapshots.Stored stored = snapshots.lockAndRead(hostId, source.wireName());
        Instant now = clock.now().truncatedTo(ChronoUnit.MICROS);
        Instant at = stored.takenAt() != null && !now.isAfter(stored.takenAt()) ? stored.takenAt().plusMillis(1) : now;
        Instant windowStart = unchangedUntil(hostId, source, stored.takenAt(), at);
        List<ConfigEvent> events = new ArrayList<>();
        Map<String, Map<String, String>> changed = new TreeMap<>();
        List<String> gone = new ArrayList<>();
        int unchanged = 0;
        TreeSet<String> all = new TreeSet<>(targets.keySet());
        stored.targets().keySet().stream().filter(covered).forEach(all::add);
        for (String target : all) {
            Map<String, String> before = stored.targets().get(target);
            Map<String, String> after = targets.get(target);
            String guest = ChangeTarget.isGuest(target) ? target : null;
            if (before == null && stored.takenAt() == null) {
                GuestIdentity identity = GuestIdentity.of(after);
                events.add(new ConfigBaselineRecorded(hostId, target, guest, after.size(), source.wireName(), at,
                        identity.name(), identity.created()));
            } else if (GuestIdentity.replaced(before, after)) {
                // the VMID was destroyed and reused between the snapshots: the old guest went, another came
                events.add(drift(hostId, target, before, null, windowStart, at, source));
                events.add(drift(hostId, target, null, after, windowStart, at, source));
            } else {
                List<ConfigChange> changes = SnapshotDiff.changes(before, after);
                if (changes.isEmpty()) {
                    unchanged++;
                    continue;
                }
                events.add(drift(hostId, target, before, after, windowStart, at, source));
            }
            if (after == null) {
                gone.add(target);
            } else {
                changed.put(target, after);
            }
        }
        append(hostId, events, metadata);
        snapshots.write(hostId, source.wireName(), at, changed, gone);
        int baselines = (int) events.stream().filter(e -> e instanceof ConfigBaselineRecorded).count();
        return new Outcome(baselines, events.size() - baselines, unchanged);
    }

    /** The drift of a target from {@code before} to {@code after} (either null: it appeared or went away). */
    private static ConfigDriftObserved drift(String hostId, String target, Map<String, String> before,
                                             Map<String, String> after, Instant windowStart, Instant at,
                                             EvidenceSource source) {
        GuestIdentity identity = GuestIdentity.of(after != null ? after : before);
        return new ConfigDriftObserved(hostId, target, ChangeTarget.isGuest(target) ? target : null,
                SnapshotDiff.changes(before, after), windowStart, at, source.wireName(),
                ConfigParser.SECURITY.equals(target), identity.name(), identity.created(), after == null);
    }

    /**
     * The last time the source is known to have held the stored snapshot: its last sign of life before this snapshot
     * when that is later than the stored snapshot (the collector pushes only a changed snapshot, and names the source
     * in its heartbeat on every run that found it unchanged), else the stored snapshot's time.
     */
    private Instant unchangedUntil(String hostId, EvidenceSource source, Instant takenAt, Instant at) {
        if (takenAt == null) {
            return null;
        }
        return signs.of(hostId).stream().filter(sign -> sign.source.equals(source.wireName()))
                .map(sign -> sign.lastSeenAt.truncatedTo(ChronoUnit.MICROS))
                .filter(seen -> seen.isAfter(takenAt) && seen.isBefore(at))
                .findFirst().orElse(takenAt);
    }

    private void append(String hostId, List<ConfigEvent> events, EventMetadata metadata) {
        if (events.isEmpty()) {
            return;
        }
        AggregateRef stream = new AggregateRef(ConfigEvent.AGGREGATE_TYPE, hostId);
        long expected = store.lastSequence(stream);
        List<NewEvent> encoded = new ArrayList<>(events.size());
        long sequence = expected;
        for (ConfigEvent event : events) {
            sequence++;
            UUID id = UUID.nameUUIDFromBytes(("config/" + hostId + "/" + sequence).getBytes(StandardCharsets.UTF_8));
            Instant occurredAt = event instanceof ConfigDriftObserved drift ? drift.windowEnd()
                    : ((ConfigBaselineRecorded) event).at();
            encoded.add(codec.encode(id, event, occurredAt));
        }
        store.append(new AppendRequest(stream, expected, encoded), metadata);
    }
}
