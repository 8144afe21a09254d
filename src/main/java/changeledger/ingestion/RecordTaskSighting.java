package changeledger.ingestion;

/**
 * The command behind one task line or item: record that a task was seen on a host.
 *
 * @param hostId the host the upload is for
 * @param node   that host's Proxmox node name
 * @param fact   what was seen
 */
public record RecordTaskSighting(String hostId, String node, TaskFact fact) {
}
