package changeledger.changerequest;

import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a change is about on its host: a guest id ({@code "101"}), {@code "node"}, {@code "service:<name>"} or
 * {@code "storage:<id>"}. Validates the targets of requests and derives the target of an observed change (ADR 0014).
 */
public final class ChangeTarget {

    /** The node itself; as a request target it covers every change on the host. */
    public static final String NODE = "node";
    /** The event type of a manual entry (package {@code journal}). */
    public static final String MANUAL_ENTRY_RECORDED = "ManualEntryRecorded";

    /** A Proxmox VMID as text: 100 to 999999999. */
    private static final Pattern GUEST = Pattern.compile("[1-9][0-9]{2,8}");
    /** A systemd service name as Proxmox's service tasks name it (pveproxy, networking, ceph-mon@a). */
    private static final Pattern SERVICE = Pattern.compile("service:([A-Za-z0-9][A-Za-z0-9@._-]{0,127})");
    /** A Proxmox storage id (pve-storage's own format). */
    private static final Pattern STORAGE = Pattern.compile("storage:([a-z][a-z0-9._-]*[a-z0-9])");
    /** API paths of a service or a storage, in the JSON or the web UI's format. */
    private static final Pattern SERVICE_PATH = Pattern.compile("/api2/(?:json|extjs)/nodes/[^/]+/services/([^/?]+).*");
    private static final Pattern STORAGE_PATH =
            Pattern.compile("/api2/(?:json|extjs)/(?:nodes/[^/]+/)?storage/([^/?]+).*");
    /** Task types whose UPID id is the name of the storage they create or remove. */
    private static final Set<String> STORAGE_TASKS = Set.of("dircreate", "dirremove", "lvmcreate", "lvmremove",
            "lvmthincreate", "lvmthinremove", "zfscreate", "zfsremove", "btrfscreate", "btrfsremove");

    /** What a request's target must look like, for error details. */
    public static final String SYNTAX = "a guest id such as \"101\", \"node\", \"service:<name>\" such as "
            + "\"service:pveproxy\", or \"storage:<id>\" such as \"storage:local-zfs\"";

    private ChangeTarget() {
    }

    /** Whether a request target has one of the four forms. */
    public static boolean isValid(String target) {
        return target != null && (NODE.equals(target) || isGuest(target) || SERVICE.matcher(target).matches()
                || STORAGE.matcher(target).matches());
    }

    /** Whether the target is a guest id. */
    public static boolean isGuest(String target) {
        return target != null && GUEST.matcher(target).matches();
    }

    /**
     * The target of a Proxmox task: {@code service:<id>} for service tasks ({@code srv*}), {@code storage:<id>} for
     * the tasks that create or remove a storage, the guest id when the UPID's id is a VMID, else {@code node}.
     */
    public static String ofTask(String taskType, String taskId) {
        if (taskId != null && !taskId.isEmpty() && taskType != null) {
            if (taskType.startsWith("srv") && isValid("service:" + taskId)) {
                return "service:" + taskId;
            }
            if (STORAGE_TASKS.contains(taskType) && isValid("storage:" + taskId)) {
                return "storage:" + taskId;
            }
        }
        return isGuest(taskId) ? taskId : NODE;
    }

    /** The target of an API call seen in the access log: its guest, service or storage, else {@code node}. */
    public static String ofApiCall(String path, String guestId) {
        if (isGuest(guestId)) {
            return guestId;
        }
        if (path != null) {
            Matcher service = SERVICE_PATH.matcher(path);
            if (service.matches() && isValid("service:" + service.group(1))) {
                return "service:" + service.group(1);
            }
            Matcher storage = STORAGE_PATH.matcher(path);
            if (storage.matches() && isValid("storage:" + storage.group(1))) {
                return "storage:" + storage.group(1);
            }
        }
        return NODE;
    }

    /** The target of a manual entry: its own, {@code node} when it has none. */
    public static String ofManualEntry(String target) {
        return isValid(target) ? target : NODE;
    }

    /** The target of a stored task, access-log change or manual entry; null for any other event. */
    public static String ofEvent(StoredEvent event) {
        JsonNode payload = event.payload();
        switch (event.type()) {
            case ProxmoxTaskStarted.TYPE, ProxmoxTaskFinished.TYPE -> {
                return ofTask(text(payload, "type"), text(payload, "guestId"));
            }
            case ApiChangeObserved.TYPE -> {
                return ofApiCall(text(payload, "path"), text(payload, "guestId"));
            }
            case MANUAL_ENTRY_RECORDED -> {
                return ofManualEntry(text(payload, "target"));
            }
            default -> {
                return null;
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
