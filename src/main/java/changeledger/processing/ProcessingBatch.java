package changeledger.processing;

import changeledger.eventstore.StoredEvent;
import java.sql.Connection;
import java.util.List;

/**
 * One batch for a handler.
 *
 * @param events     the events, in gap-safe global order, upcast
 * @param connection the batch transaction's connection; do not commit, roll back or close it
 * @param generation the generation the batch belongs to: the active one, or the one a replay builds
 * @param replay     whether this batch rebuilds a generation readers do not see yet
 */
public record ProcessingBatch(List<StoredEvent> events, Connection connection, int generation, boolean replay) {
}
