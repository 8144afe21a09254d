package changeledger.support;

import changeledger.ingestion.Upid;
import java.time.Instant;
import java.util.Locale;

/** Builds Proxmox VE UPIDs for tests; defaults are a realistic {@code qmstart} of guest 101 on {@code pve-lab}. */
public final class UpidBuilder {

    private String node = "pve-lab";
    private long pid = 0x0001A2B3L;
    private long pstart = 0x00ABCDEFL;
    private Instant startTime = Instant.parse("2026-11-01T10:00:00Z");
    private String type = "qmstart";
    private String id = "101";
    private String user = "root@pam";

    private UpidBuilder() {
    }

    /** A builder with the defaults. */
    public static UpidBuilder upid() {
        return new UpidBuilder();
    }

    /** The node. */
    public UpidBuilder node(String value) {
        node = value;
        return this;
    }

    /** The worker pid. */
    public UpidBuilder pid(long value) {
        pid = value;
        return this;
    }

    /** The worker's process start (9 hex digits when over 0xFFFFFFFF). */
    public UpidBuilder pstart(long value) {
        pstart = value;
        return this;
    }

    /** The start time (whole seconds). */
    public UpidBuilder startTime(Instant value) {
        startTime = value;
        return this;
    }

    /** The task type. */
    public UpidBuilder type(String value) {
        type = value;
        return this;
    }

    /** The id field (raw text, may be empty). */
    public UpidBuilder id(String value) {
        id = value;
        return this;
    }

    /** The user or token. */
    public UpidBuilder user(String value) {
        user = value;
        return this;
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
