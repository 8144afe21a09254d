package changeledger.ingestion;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a node's systemd journal as {@code journalctl} prints it, or the marker it prints where a new boot
 * begins.
 *
 * @param time       when it was logged (microseconds), or null for a boot marker
 * @param bootId     the boot it belongs to: {@code _BOOT_ID} of {@code -o json}, the id of a {@code -- Boot <id> --}
 *                   marker; null in text lines (their boot is the last marker's)
 * @param identifier the syslog identifier ({@code kernel}, {@code qmeventd}, {@code pvedaemon}, ...), null for a marker
 * @param pid        the process id as printed, or null
 * @param message    the message, or null for a marker
 */
public record JournalEntry(Instant time, String bootId, String identifier, String pid, String message) {

    /** Validates the entry. */
    public JournalEntry {
        if (time == null) {
            Objects.requireNonNull(bootId, "a boot marker needs its boot id");
        } else {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The marker {@code journalctl} prints between two boots in text output. */
    public static JournalEntry bootMarker(String bootId) {
        return new JournalEntry(null, bootId, null, null, null);
    }

    /** Whether this is a boot marker rather than a logged line. */
    public boolean marker() {
        return time == null;
    }

    /** Whether the line was logged by {@code identifier}. */
    public boolean from(String ident) {
        return ident.equals(identifier);
    }
}
