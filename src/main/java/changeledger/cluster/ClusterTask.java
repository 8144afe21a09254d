package changeledger.cluster;

import java.time.Instant;

/**
 * A host's {@code clustercreate} or {@code clusterjoin} task: the evidence of its join.
 *
 * @param hostId the host that ran it
 * @param upid   its UPID
 * @param type   {@code clustercreate} or {@code clusterjoin}
 * @param start  when it started
 * @param end    when it ended, or null while running (or not seen ending)
 * @param status its end status, or null
 */
public record ClusterTask(String hostId, String upid, String type, Instant start, Instant end, String status) {
}
