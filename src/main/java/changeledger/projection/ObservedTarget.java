package changeledger.projection;

import changeledger.config.ConfigEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.host.ChangeTarget;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.journal.ManualEntryEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target (in {@link ChangeTarget}'s forms) of an observed change: what a task, an API call, a manual entry or a
 * configuration drift changed on its host, so that change request coverage can compare it with the targets of requests
 * (ADR 0015) and a drift can be linked to the task or call that explains it (ADR 0046).
 */
public final class ObservedTarget {

    /** The event type of a configuration drift. */
    public static final String CONFIG_DRIFT_OBSERVED = ConfigEvent.ConfigDriftObserved.class.getSimpleName();
    /** The event type of a configuration baseline. */
    public static final String CONFIG_BASELINE_RECORDED = ConfigEvent.ConfigBaselineRecorded.class.getSimpleName();

    /** The event type of a manual entry. */
    public static final String MANUAL_ENTRY_RECORDED = ManualEntryEvent.ManualEntryRecorded.class.getSimpleName();

    /** API paths of a service or a storage, in the JSON or the web UI's format. */
    private static final Pattern SERVICE_PATH = Pattern.compile("/api2/(?:json|extjs)/nodes/[^/]+/services/([^/?]+).*");
    private static final Pattern STORAGE_PATH =
            Pattern.compile("/api2/(?:json|extjs)/(?:nodes/[^/]+/)?storage/([^/?]+).*");
    /** Cluster-wide settings: options, HA, replication, backup jobs. */
    private static final Pattern CLUSTER_PATH = Pattern.compile("/api2/(?:json|extjs)/cluster(?:/.*)?");
    /** Task types whose UPID id is the name of the storage they create or remove. */
    private static final Set<String> STORAGE_TASKS = Set.of("dircreate", "dirremove", "lvmcreate", "lvmremove",
            "lvmthincreate", "lvmthinremove", "zfscreate", "zfsremove", "btrfscreate", "btrfsremove");

    private ObservedTarget() {
    }

    /**
     * The target of a Proxmox task: {@code service:<id>} for service tasks ({@code srv*}), {@code storage:<id>} for
     * the tasks that create or remove a storage, the guest id when the UPID's id is one, else {@code node}.
     */
    public static String ofTask(String taskType, String taskId) {
        if (taskId != null && !taskId.isEmpty() && taskType != null) {
            if (taskType.startsWith("srv") && ChangeTarget.valid("service:" + taskId)) {
                return "service:" + taskId;
            }
            if (STORAGE_TASKS.contains(taskType) && ChangeTarget.valid("storage:" + taskId)) {
                return "storage:" + taskId;
            }
        }
        return ChangeTarget.isGuest(taskId) ? taskId : ChangeTarget.NODE;
    }

    /**
     * The target of an API call seen in the access log: {@code security} for a security change (users, ACLs, tokens,
     * the firewall of the node, the cluster or a guest, notifications), else its guest, service or storage,
     * {@code cluster} for the cluster's settings, else {@code node}.
     */
    public static String ofApiCall(String path, String guestId, boolean security) {
        if (security) {
            return ChangeTarget.SECURITY;
        }
        if (ChangeTarget.isGuest(guestId)) {
            return guestId;
        }
        if (path != null) {
            Matcher service = SERVICE_PATH.matcher(path);
            if (service.matches() && ChangeTarget.valid("service:" + service.group(1))) {
                return "service:" + service.group(1);
            }
            Matcher storage = STORAGE_PATH.matcher(path);
            if (storage.matches() && ChangeTarget.valid("storage:" + storage.group(1))) {
                return "storage:" + storage.group(1);
            }
            if (CLUSTER_PATH.matcher(path).matches()) {
                return ChangeTarget.CLUSTER;
            }
        }
        return ChangeTarget.NODE;
    }

    /** The target of a manual entry: its own, {@code node} when it has none. */
    public static String ofManualEntry(String target) {
        return ChangeTarget.valid(target) ? target : ChangeTarget.NODE;
    }

    /** The target of a stored task, access-log change, manual entry or configuration event; null for any other. */
    public static String ofEvent(StoredEvent event) {
        JsonNode payload = event.payload();
        String type = event.type();
        if (ProxmoxTaskStarted.TYPE.equals(type) || ProxmoxTaskFinished.TYPE.equals(type)) {
            return ofTask(text(payload, "type"), text(payload, "guestId"));
        }
        if (ApiChangeObserved.TYPE.equals(type)) {
            return ofApiCall(text(payload, "path"), text(payload, "guestId"), EventFacts.callKind(payload).security());
        }
        if (CONFIG_DRIFT_OBSERVED.equals(type) || CONFIG_BASELINE_RECORDED.equals(type)) {
            String target = text(payload, "target");
            return ChangeTarget.valid(target) ? target : ChangeTarget.NODE;
        }
        return MANUAL_ENTRY_RECORDED.equals(type) ? ofManualEntry(text(payload, "target")) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
