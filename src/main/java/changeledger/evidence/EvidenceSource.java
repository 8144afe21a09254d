package changeledger.evidence;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a host's evidence comes from (DESIGN "Evidence"); the sources that report tasks decide gaps. */
public enum EvidenceSource {

    /** The collector's task index, active list and the tasks JSON pushed to {@code /ingest/tasks}. */
    TASK_INDEX("task-index", true, true),
    /** The collector's pveproxy access log. */
    ACCESS_LOG("access-log", true, false),
    /** Configuration snapshots pushed by the collector. */
    CONFIG("config", true, false),
    /** The node's journal pushed by the collector. */
    JOURNAL("journal", true, false),
    /** Notifications a Proxmox webhook target sends (not the collector: Proxmox itself). */
    PVE_NOTIFICATION("pve-notification", false, false),
    /** The service's own sync from the host's Proxmox API. */
    PULL("pull", false, true);

    private final String wireName;
    private final boolean collector;
    private final boolean reportsTasks;

    EvidenceSource(String wireName, boolean collector, boolean reportsTasks) {
        this.wireName = wireName;
        this.collector = collector;
        this.reportsTasks = reportsTasks;
    }

    /** The name in the API, the table and events. */
    public String wireName() {
        return wireName;
    }

    /** Whether a collector sends it (and may name it in a heartbeat). */
    public boolean collector() {
        return collector;
    }

    /** Whether it reports tasks: when every such source of a host is silent, the record has a gap. */
    public boolean reportsTasks() {
        return reportsTasks;
    }

    /** The source of a wire name. */
    public static Optional<EvidenceSource> of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }

    /** The wire names a collector may name, comma-separated. */
    public static String collectorNames() {
        return String.join(", ", Arrays.stream(values()).filter(EvidenceSource::collector)
                .map(EvidenceSource::wireName).toList());
    }

    /** The wire names of the sources that report tasks. */
    public static List<String> taskSourceNames() {
        return Arrays.stream(values()).filter(EvidenceSource::reportsTasks).map(EvidenceSource::wireName).toList();
    }
}
