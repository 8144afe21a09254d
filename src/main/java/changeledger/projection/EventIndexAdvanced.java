package changeledger.projection;

/**
 * Fired (CDI) when a batch of the event index's readable generation is written; observers that run after the batch
 * commits (e.g. live streams) can read the new rows then.
 *
 * @param txId     the transaction id of the batch's last event
 * @param position the position of the batch's last event
 */
public record EventIndexAdvanced(long txId, long position) {
}
