package changeledger.ingestion;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Name-based (version 5, SHA-1) event ids of ingested facts (ADR 0008): the same fact from any
 * source, any number of times, gets the same id.
 */
public final class EventIds {

    /** The fixed namespace of changeledger's Proxmox event ids; never change it. */
    public static final UUID NAMESPACE = UUID.fromString("5b0a7c1e-3f7d-4b8e-9a55-0c6f2d1e8a43");

    private EventIds() {
    }

    /** The id of a task's {@code started} or {@code finished} event. */
    public static UUID task(String hostId, String upid, String phase) {
        return nameBased("ProxmoxTask\n" + hostId + "\n" + upid + "\n" + phase);
    }

    /** The id of an access-log change: host, the line's text and its occurrence (from 1) within the upload. */
    public static UUID accessLog(String hostId, String line, int occurrence) {
        return nameBased("ApiAccess\n" + hostId + "\n" + occurrence + "\n" + line);
    }

    /**
     * The id of a Proxmox notification: host and every part of it (Proxmox gives templates no id of its own), so an
     * identical resend is a duplicate and two notifications that differ in anything are two events.
     */
    public static UUID notification(ProxmoxNotificationReceived n) {
        StringBuilder name = new StringBuilder("ProxmoxNotification\n").append(n.hostId()).append('\n')
                .append(n.sentAt().getEpochSecond()).append('\n').append(n.severity()).append('\n');
        n.fields().forEach((key, value) -> name.append(key.length()).append(':').append(key).append('=')
                .append(value.length()).append(':').append(value).append('\n'));
        name.append(n.title().length()).append(':').append(n.title()).append('\n').append(n.message());
        return nameBased(name.toString());
    }

    /**
     * The id of a journal observation: host, what it is and what identifies it on the node ({@code stop <vmid> <time>},
     * {@code boot <bootId>}, ...), so that the same line read twice, in either output format, is the same event.
     */
    public static UUID journal(String hostId, String identity) {
        return nameBased("HostJournal\n" + hostId + "\n" + identity);
    }

    /** The id of a replication run: host, job and the run's {@code last_try} (ADR 0066). */
    public static UUID replicationRun(String hostId, String jobId, Instant lastTry) {
        return nameBased("ReplicationRun\n" + hostId + "\n" + jobId + "\n" + lastTry.getEpochSecond());
    }

    /** The id of a lag reading: host and every field, so that the same state read again is the same event. */
    public static UUID replicationLag(ReplicationLagObserved lag) {
        return nameBased("ReplicationLag\n" + lag.hostId() + "\n" + lag.jobId() + "\n" + lag.guestId() + "\n"
                + lag.target() + "\n" + lag.lastTry() + "\n" + lag.lastSync() + "\n" + lag.nextSync() + "\n"
                + lag.failCount() + "\n" + lag.overdue() + "\n" + (lag.error() == null ? "" : lag.error().length()
                + ":" + lag.error()));
    }

    /** A version 5 UUID of a name in {@link #NAMESPACE} (RFC 9562). */
    static UUID nameBased(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                    .putLong(NAMESPACE.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
