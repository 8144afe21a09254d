package changeledger.config;

import java.time.Instant;
import java.util.List;

/** Events of a host's configuration stream ({@code Config / <hostId>}): baselines and drift of its targets. */
public sealed interface ConfigEvent {

    /** The aggregate type of configuration streams. */
    String AGGREGATE_TYPE = "Config";

    /** The host. */
    String hostId();

    /** The target (a guest id, {@code node}, {@code storage:<id>}, {@code security}, {@code cluster}). */
    String target();

    /**
     * The first snapshot of a target from a source: the values it holds are the baseline, not a change.
     *
     * @param guest        the guest id when the target is a guest, else null
     * @param entries      how many values the baseline holds
     * @param at           when the snapshot was taken
     * @param guestName    a guest's name (QEMU {@code name}, LXC {@code hostname}), or null
     * @param guestCreated a QEMU guest's creation time ({@code meta: ctime=}), or null
     */
    record ConfigBaselineRecorded(String hostId, String target, String guest, int entries, String source,
                                  Instant at, String guestName, Instant guestCreated) implements ConfigEvent {
    }

    /**
     * Values of a target changed between two snapshots (or the target appeared or went away): an observed change at
     * {@code windowEnd} that happened somewhere in {@code (windowStart, windowEnd]}.
     *
     * @param guest        the guest id when the target is a guest, else null
     * @param changes      the values that differ, secrets redacted
     * @param security     whether the target is {@code security} (users, ACLs, tokens, firewall)
     * @param guestName    a guest's name after the change (before it, for a guest that went away), or null
     * @param guestCreated that guest's creation time ({@code meta: ctime=}, QEMU only), or null
     * @param gone         whether the target went away (a guest destroyed or moved away)
     */
    record ConfigDriftObserved(String hostId, String target, String guest, List<ConfigChange> changes,
                               Instant windowStart, Instant windowEnd, String source, boolean security,
                               String guestName, Instant guestCreated, boolean gone)
            implements ConfigEvent {

        /** Copies the changes. */
        public ConfigDriftObserved {
            changes = List.copyOf(changes);
        }
    }
}
