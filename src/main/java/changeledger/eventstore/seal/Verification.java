package changeledger.eventstore.seal;

/**
 * The outcome of recomputing the seal chain.
 *
 * @param verified            whether every link, every sealed event and the checkpoint (if given) match
 * @param checked             how many links were checked before the first break (all, when verified)
 * @param sealedUpTo          the seal position of the chain's head (0 when nothing is sealed)
 * @param firstBrokenPosition the event position where the chain first breaks, or null
 * @param firstBrokenSeal     the seal position where the chain first breaks, or null
 * @param reason              what broke, or null
 */
public record Verification(boolean verified, long checked, long sealedUpTo, Long firstBrokenPosition,
                           Long firstBrokenSeal, String reason) {

    static Verification ok(long checked, long sealedUpTo) {
        return new Verification(true, checked, sealedUpTo, null, null, null);
    }

    static Verification broken(long checked, long sealedUpTo, Long eventPosition, Long seal, String reason) {
        return new Verification(false, checked, sealedUpTo, eventPosition, seal, reason);
    }
}
