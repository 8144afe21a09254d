package changeledger.ingestion;

import java.time.Instant;

/**
 * Where a host's journal stood after its last upload: what the next upload needs to tell whether the boot it may show
 * followed a clean shutdown, and which lines were read already.
 *
 * @param bootId          the boot of the last line, where known
 * @param lastLineAt      the time of the latest line read, or null before the first upload
 * @param shutdownReached whether that boot's systemd reached {@code shutdown.target}
 * @param journalStopped  whether journald's last word in that boot was {@code Journal stopped}
 */
public record JournalTail(String bootId, Instant lastLineAt, boolean shutdownReached, boolean journalStopped) {

    /** Before the first upload. */
    public static final JournalTail NONE = new JournalTail(null, null, false, false);

    /** Whether the boot ended with a clean shutdown, as far as its lines tell. */
    public boolean clean() {
        return shutdownReached || journalStopped;
    }

    /** Whether a line at {@code time} was read by an earlier upload already. */
    public boolean read(Instant time) {
        return lastLineAt != null && !time.isAfter(lastLineAt);
    }
}
