package changeledger.eventstore;

/**
 * A place in the store's global order, which is {@code (txId, position)} (ADR 0004).
 *
 * <p>Positions increase within a transaction but, across concurrent transactions, a lower
 * position can commit later; ordering by the writing transaction first makes the order final
 * for everything below the safe head.
 *
 * @param txId     the transaction id of the last event read (0 before the first)
 * @param position the position of the last event read (0 before the first)
 */
public record GlobalCursor(long txId, long position) implements Comparable<GlobalCursor> {

    /** Before the first event. */
    public static final GlobalCursor START = new GlobalCursor(0, 0);

    @Override
    public int compareTo(GlobalCursor other) {
        int byTx = Long.compare(txId, other.txId);
        return byTx != 0 ? byTx : Long.compare(position, other.position);
    }
}
