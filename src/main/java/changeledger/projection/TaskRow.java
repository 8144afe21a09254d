package changeledger.projection;

import java.time.Instant;

/**
 * One Proxmox task as the task view holds it.
 *
 * @param upid      the UPID as Proxmox wrote it
 * @param type      the task type
 * @param start     when it started
 * @param end       when it ended; null while no finish is recorded
 * @param status    {@code OK}, {@code WARNINGS: N} or the error; null while no finish is recorded
 * @param taskClass the class by the host's class table
 * @param guest     the UPID's id field as raw text, or null
 * @param user      the user or API token that started it
 * @param failed    whether it failed; null while no finish is recorded
 * @param hostId    the host
 */
public record TaskRow(String upid, String type, Instant start, Instant end, String status, String taskClass,
                      String guest, String user, Boolean failed, String hostId) {
}
