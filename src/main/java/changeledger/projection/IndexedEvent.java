package changeledger.projection;

/**
 * One row of the event index as the query reads it.
 *
 * @param position   the event's global position
 * @param txId       the writing transaction: with the position, the event's place in the gap-safe order
 * @param hostId     the host, or null
 * @param eventClass the class, or null
 * @param actor      who acted (see {@link EventFacts#actor()})
 * @param guest      the guest id as raw text, or null
 * @param summary    a line a person reads (see {@link EventFacts#summary()}), or null
 * @param target     what a task, API call or manual entry changed (see {@link ObservedTarget}), or null
 * @param security   whether it is a security change (see {@link EventFacts#security()})
 */
public record IndexedEvent(long position, long txId, String hostId, String eventClass, String actor, String guest,
                           String summary, String target, boolean security) {
}
