package changeledger.host;

/** The pull connector's view of a host, shown in the host resource; ingestion provides it. */
public interface HostSyncStatus {

    /** The sync state of a host (all nulls when it was never synced). */
    HostView.Sync of(String hostId);
}
