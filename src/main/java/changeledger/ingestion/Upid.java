package changeledger.ingestion;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox VE task id (UPID), decoded: the natural key of a task.
 *
 * @param text      the UPID exactly as Proxmox wrote it, trailing colon included
 * @param node      the node that ran the task
 * @param pid       the worker's process id
 * @param pstart    the worker's process start, in clock ticks since boot (8 or 9 hex digits)
 * @param startTime when the task started (Unix seconds, UTC)
 * @param type      the task type, e.g. {@code qmstart}
 * @param id        the task's object id as text: a VMID, {@code networking}, {@code 100-scsi0>101-scsi0} or empty
 * @param user      the user or API token ({@code user@realm!token}) that started it
 */
public record Upid(String text, String node, long pid, long pstart, Instant startTime, String type, String id,
                   String user) {

    /** Proxmox's own regex (pve-common {@code PVE::UPID}). */
    private static final Pattern PVE = Pattern.compile("^UPID:([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?):"
            + "([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");

    /** Proxmox Backup Server (and Datacenter Manager's own tasks): a task-id field before the start time. */
    private static final Pattern PBS = Pattern.compile("^UPID:[a-zA-Z0-9][a-zA-Z0-9.\\-]*:"
            + "[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8,16}:[0-9A-Fa-f]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:$");

    /** Proxmox Datacenter Manager: {@code <remote>!UPID:...} or {@code <type>:<remote>!UPID:...}. */
    private static final Pattern PDM = Pattern.compile("^([a-z]+:)?[A-Za-z0-9_][A-Za-z0-9._\\-]*!UPID:.*");

    /** Validates the parts. */
    public Upid {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
    }

    /**
     * Decodes a UPID.
     *
     * @throws InvalidUpidException with a reason a person can act on, when it is not a Proxmox VE UPID
     */
    public static Upid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidUpidException("the UPID is empty");
        }
        String problem = TextLimits.problem("UPID", text, TextLimits.MAX_UPID_BYTES);
        if (problem != null) {
            throw new InvalidUpidException(problem);
        }
        Matcher m = PVE.matcher(text);
        if (m.matches()) {
            return new Upid(text, m.group(1), Long.parseLong(m.group(3), 16), Long.parseLong(m.group(4), 16),
                    Instant.ofEpochSecond(Long.parseLong(m.group(5), 16)), m.group(6), m.group(7), m.group(8));
        }
        throw new InvalidUpidException(whyNot(text));
    }

    /**
     * The user of a UPID this service has stored (each passed {@link #parse} on its way in): the field before the
     * trailing colon, found by the UPID's eight colons instead of the pattern, since read models look it up for every
     * finished task. Text of another shape goes through {@link #parse}, and is answered or refused as it answers it.
     */
    public static String userOfStored(String text) {
        if (text != null && text.startsWith("UPID:") && text.endsWith(":")) {
            int colons = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == ':') {
                    colons++;
                }
            }
            int end = text.length() - 1;
            int start = text.lastIndexOf(':', end - 1) + 1;
            if (colons == 8 && start < end) {
                return text.substring(start, end);
            }
        }
        return parse(text).user();
    }

    private static String whyNot(String text) {
        if (PBS.matcher(text).matches()) {
            return "a Proxmox Backup Server (or Datacenter Manager) UPID, with a task-id field before the start "
                    + "time; only Proxmox VE tasks are ingested: " + text;
        }
        if (PDM.matcher(text).matches()) {
            return "a Proxmox Datacenter Manager remote UPID (<remote>!UPID:...); send the Proxmox VE node's own "
                    + "task list instead: " + text;
        }
        if (!text.startsWith("UPID:")) {
            return "not a UPID (it must start with 'UPID:'): " + text;
        }
        if (!text.endsWith(":")) {
            return "not a Proxmox VE UPID (the trailing colon is missing): " + text;
        }
        return "not a Proxmox VE UPID (expected UPID:<node>:<pid 8 hex>:<pstart 8-9 hex>:<starttime 8 hex>"
                + ":<type>:<id>:<user>:): " + text;
    }

    /** Whether the task was started by an API token ({@code user@realm!token}). */
    public boolean byToken() {
        return user.indexOf('!') > 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
