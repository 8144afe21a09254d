package changeledger.projection;

import java.time.Instant;

/**
 * One thing the record says of a guest (table {@code guest_sighting}).
 *
 * @param position the position of the event that says it
 * @param hostId   the host
 * @param guest    the VMID as raw text
 * @param kind     a snapshot showed it, a task created it, it went away, or it migrated away
 * @param at       when
 * @param name     the name a snapshot showed, or null
 * @param created  the creation time a QEMU config showed, or null
 */
public record GuestSighting(long position, String hostId, String guest, Kind kind, Instant at, String name,
                            Instant created) {

    /** What was seen. */
    public enum Kind {
        /** A snapshot showed the guest. */
        CONFIG,
        /** A create or restore task ended OK: the VMID may hold another guest from now on. */
        CREATED,
        /** A destroy task ended OK, or a snapshot showed the guest gone. */
        DESTROYED,
        /** A migration task ended OK: the guest left the host for another node of its cluster (ADR 0065). */
        MIGRATED;

        /** The value stored in {@code guest_sighting.kind}. */
        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind ofColumn(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
