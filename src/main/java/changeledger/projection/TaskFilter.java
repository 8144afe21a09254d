package changeledger.projection;

import java.time.Instant;

/**
 * What a page of one host's task view asks for. Every field but the host is optional (null: no filter).
 *
 * @param hostId    the host
 * @param type      the task type
 * @param taskClass the class
 * @param status    {@code ok} (finished, not failed), {@code failed} or {@code running} (no finish recorded)
 * @param guest     the guest id as raw text
 * @param user      the user or API token that started the task
 * @param from      started at or after (inclusive)
 * @param to        started before (exclusive)
 */
public record TaskFilter(String hostId, String type, String taskClass, String status, String guest, String user,
                         Instant from, Instant to) {
}
