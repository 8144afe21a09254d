package changeledger.ingestion;

import changeledger.domain.EventClass;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A notification that a Proxmox VE 8.3+ webhook target sent (proxmox-notify {@code endpoints/webhook.rs}): its
 * rendered title and message, severity, time and metadata fields. One stream per notification,
 * {@code <hostId>/<eventId>}; the id is name-based on the host and every part of the notification, so a resend adds
 * nothing.
 *
 * @param hostId   the host whose key sent it
 * @param node     the host's Proxmox node name when it arrived (a fencing notification names the fenced node in
 *                 {@code fields.hostname}, which may be another node of its cluster)
 * @param type     {@code fields.type}: {@code vzdump}, {@code replication}, {@code fencing},
 *                 {@code package-updates}, {@code system-mail}, or one a later Proxmox adds
 * @param severity {@code info}, {@code notice}, {@code warning}, {@code error} or {@code unknown}
 * @param title    the rendered title (subject)
 * @param message  the rendered plain-text body
 * @param sentAt   the notification's timestamp (whole seconds)
 * @param fields   every metadata field, {@code type} included, by name
 */
public record ProxmoxNotificationReceived(String hostId, String node, String type, String severity, String title,
                                          String message, Instant sentAt, SortedMap<String, String> fields) {

    /** The event type stored in the event table. */
    public static final String TYPE = "ProxmoxNotificationReceived";

    /** The aggregate type of notification streams. */
    public static final String AGGREGATE_TYPE = "ProxmoxNotification";

    /** The severities proxmox-notify knows ({@code lib.rs}, {@code Severity}). */
    public static final Set<String> SEVERITIES = Set.of("info", "notice", "warning", "error", "unknown");

    /** The type of the HA manager's fencing notifications (pve-ha-manager {@code src/PVE/HA/NodeStatus.pm}). */
    public static final String FENCING = "fencing";

    /** The types of job notifications that list a failed job when their severity is {@code error}. */
    private static final Set<String> JOBS = Set.of("vzdump", "replication");

    /** The types of routine work: backups, replication runs, package lists (PROXMOX.md "Task classes"). */
    private static final Set<String> ROUTINE = Set.of("vzdump", "replication", "package-updates");

    /** Copies the fields, in name order. */
    public ProxmoxNotificationReceived {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sentAt, "sentAt");
        fields = new TreeMap<>(fields);
    }

    /**
     * Whether a notification of this type and severity reports a failed job: a backup ({@code vzdump}) or a storage
     * replication that ended with severity {@code error} (pve-manager {@code PVE/VZDump.pm},
     * {@code PVE/API2/Replication.pm}).
     */
    public static boolean failedJob(String type, String severity) {
        return JOBS.contains(type) && "error".equals(severity);
    }

    /**
     * The class of a notification in the read models: a fencing is an {@code incident}, a backup, replication or
     * package-update notice {@code routine}, anything else (system mail, types a later Proxmox adds) {@code unknown}.
     */
    public static EventClass classOf(String type) {
        if (FENCING.equals(type)) {
            return EventClass.INCIDENT;
        }
        return ROUTINE.contains(type) ? EventClass.ROUTINE : EventClass.UNKNOWN;
    }

    /** A line a person reads: type, severity and the title's first line that is not blank. */
    public static String summary(String type, String severity, String title) {
        String line = title == null ? "" : title.strip().lines().findFirst().orElse("").strip();
        return type + " (" + severity + "): " + line;
    }

    /**
     * Whether a notification is a node disruption of the host it was sent for: a fencing notification whose
     * {@code hostname} is that host's node (or either is not known).
     */
    public static boolean fencesHostNode(String type, String fencedNode, String hostNode) {
        return FENCING.equals(type) && ofHostNode(fencedNode, hostNode);
    }

    /**
     * Whether a notification naming node {@code notifiedNode} in its {@code hostname} field is about the node of the
     * host it was sent for ({@code hostNode}), or either is not known. In a cluster one target may send every node's
     * notifications to one host (ADR 0051).
     */
    public static boolean ofHostNode(String notifiedNode, String hostNode) {
        return notifiedNode == null || hostNode == null || hostNode.isBlank()
                || notifiedNode.equalsIgnoreCase(hostNode);
    }

    /** The metadata field {@code name}, or null. */
    public String field(String name) {
        return fields.get(name);
    }
}
