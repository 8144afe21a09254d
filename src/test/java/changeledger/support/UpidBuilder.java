package changeledger.support;

import changeledger.ingestion.Upid;
import java.time.Instant;
import java.util.Locale;

/**
 * Builds Proxmox VE UPIDs for tests; defaults are a realistic {@code qmstart} of guest 101 on {@code pve-lab}.
 * Immutable: every setter returns a new builder, so builders can be shared as constants.
 */
public record UpidBuilder(String node, long pid, long pstart, Instant startTime, String type, String id,
                          String user) {

    /** A builder with the defaults. */
    public static UpidBuilder upid() {
        return new UpidBuilder("pve-lab", 0x0001A2B3L, 0x00ABCDEFL, Instant.parse("2026-11-01T10:00:00Z"),
                "qmstart", "101", "root@pam");
    }

    /** Another node. */
    public UpidBuilder node(String value) {
        return new UpidBuilder(value, pid, pstart, startTime, type, id, user);
    }

    /** Another worker pid. */
    public UpidBuilder pid(long value) {
        return new UpidBuilder(node, value, pstart, startTime, type, id, user);
    }

    /** Another process start (9 hex digits when over 0xFFFFFFFF). */
    public UpidBuilder pstart(long value) {
        return new UpidBuilder(node, pid, value, startTime, type, id, user);
    }

    /** Another start time (whole seconds). */
    public UpidBuilder startTime(Instant value) {
        return new UpidBuilder(node, pid, pstart, value, type, id, user);
    }

    /** Another task type. */
    public UpidBuilder type(String value) {
        return new UpidBuilder(node, pid, pstart, startTime, value, id, user);
    }

    /** Another id field (raw text, may be empty). */
    public UpidBuilder id(String value) {
        return new UpidBuilder(node, pid, pstart, startTime, type, value, user);
    }

    /** Another user or token. */
    public UpidBuilder user(String value) {
        return new UpidBuilder(node, pid, pstart, startTime, type, id, value);
    }

    /** The UPID text, as Proxmox formats it. */
    public String text() {
        return String.format(Locale.ROOT, "UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart,
                startTime.getEpochSecond(), type, id, user);
    }

    /** The parsed UPID. */
    public Upid build() {
        return Upid.parse(text());
    }
}
