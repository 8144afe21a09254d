package changeledger.ingestion;

/** An event of the {@code ProxmoxTask} aggregate, one stream per task: {@code <hostId>/<UPID>}. */
public sealed interface ProxmoxTaskEvent permits ProxmoxTaskStarted, ProxmoxTaskFinished {

    /** The aggregate type of task streams. */
    String AGGREGATE_TYPE = "ProxmoxTask";

    /** The host the task ran on. */
    String hostId();

    /** The task's UPID as Proxmox wrote it. */
    String upid();

    /** The aggregate id of a task: {@code <hostId>/<UPID>}. */
    static String aggregateId(String hostId, String upid) {
        return hostId + "/" + upid;
    }
}
