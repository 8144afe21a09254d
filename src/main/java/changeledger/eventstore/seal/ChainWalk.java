package changeledger.eventstore.seal;

import changeledger.eventstore.StoredEvent;
import java.util.Optional;

/** The state of one verification while it walks the chain link by link. */
final class ChainWalk {

    private final EventHasher hasher;
    private final Long checkpointPosition;
    private final byte[] checkpointHash;
    private final long sealedUpTo;
    private final long safeBound;
    private byte[] previous = SealChain.GENESIS;
    private long checked;
    private Long lastEventPosition;
    private long lastTxId;
    private int lastForm = EventHasher.FORM_WITHOUT_TX;

    /**
     * @param safeBound the snapshot's lowest transaction id that may still commit: every sealed event's
     *                  transaction id lies below it, or readers cannot reach the event
     */
    ChainWalk(EventHasher hasher, Long checkpointPosition, byte[] checkpointHash, long sealedUpTo, long safeBound) {
        this.hasher = hasher;
        this.checkpointPosition = checkpointPosition;
        this.checkpointHash = checkpointHash;
        this.sealedUpTo = sealedUpTo;
        this.safeBound = safeBound;
    }

    /** Checks the next link against the event it seals (null when that event is gone). */
    Optional<Verification> check(SealRepository.Link link, StoredEvent event) {
        long expectedSeal = checked + 1;
        if (link.sealPosition() != expectedSeal) {
            return broken(link, "seal " + expectedSeal + " is missing: the chain jumps to " + link.sealPosition());
        }
        if (!SealChain.same(link.previousHash(), previous)) {
            return broken(link, "the link's previous hash does not match the link before it");
        }
        if (event == null) {
            return broken(link, "the sealed event " + link.eventPosition() + " is missing from the store");
        }
        if (!event.id().equals(link.eventId())) {
            return broken(link, "the event at position " + link.eventPosition() + " has another id than the sealed one");
        }
        Optional<Verification> misplaced = checkPlace(link, event);
        if (misplaced.isPresent()) {
            return misplaced;
        }
        byte[] eventHash = hasher.hash(event, link.form());
        if (!SealChain.same(eventHash, link.eventHash())) {
            return broken(link, "the event at position " + link.eventPosition() + " changed after it was sealed");
        }
        byte[] chain = SealChain.link(previous, link.sealPosition(), link.eventPosition(), eventHash);
        if (!SealChain.same(chain, link.chainHash())) {
            return broken(link, "the chain hash of seal " + link.sealPosition() + " does not match");
        }
        if (checkpointPosition != null && checkpointPosition == link.sealPosition()
                && !SealChain.same(chain, checkpointHash)) {
            return broken(link, "the chain differs from the checkpoint at seal " + checkpointPosition
                    + ": history up to it was rewritten");
        }
        previous = chain;
        checked++;
        lastEventPosition = link.eventPosition();
        lastTxId = event.txId();
        lastForm = link.form();
        return Optional.empty();
    }

    /** The form is known and never older than the link before; the event lies below the safe head, in read order. */
    private Optional<Verification> checkPlace(SealRepository.Link link, StoredEvent event) {
        if (!EventHasher.known(link.form()) || link.form() < lastForm) {
            return broken(link, "seal " + link.sealPosition() + " names canonical form " + link.form() + " after form "
                    + lastForm + ": the seal row was changed");
        }
        if (Long.compareUnsigned(event.txId(), safeBound) >= 0) {
            return broken(link, "the event at position " + link.eventPosition() + " has transaction id "
                    + Long.toUnsignedString(event.txId()) + ", at or above the safe head's bound " + safeBound
                    + ": readers skip it. Its tx_id was changed, or the database was restored from a logical dump "
                    + "into a cluster whose transaction ids have not reached it yet");
        }
        if (lastEventPosition != null && (Long.compareUnsigned(event.txId(), lastTxId) < 0
                || event.txId() == lastTxId && link.eventPosition() <= lastEventPosition)) {
            return broken(link, "the event at position " + link.eventPosition() + " (transaction "
                    + Long.toUnsignedString(event.txId()) + ") comes before the event sealed before it, at position "
                    + lastEventPosition + " (transaction " + Long.toUnsignedString(lastTxId) + "), in the order "
                    + "readers read: the tx_id of one of them was changed");
        }
        return Optional.empty();
    }

    /** Checks what can only be checked at the end. */
    Optional<Verification> finish() {
        if (checked < sealedUpTo) {
            return Optional.of(Verification.broken(checked, sealedUpTo, null, checked + 1,
                    "seal " + (checked + 1) + " is missing"));
        }
        if (checkpointPosition != null && checkpointPosition > checked) {
            String cut = checked + 1 == checkpointPosition ? "seal " + checkpointPosition
                    : "seals " + (checked + 1) + " to " + checkpointPosition;
            return Optional.of(Verification.broken(checked, sealedUpTo, null, checked + 1,
                    "the chain ends at seal " + checked + ", before the checkpoint at seal " + checkpointPosition
                            + ": " + cut + " and the events they sealed were cut off its tail, or history was "
                            + "removed or rewritten"));
        }
        return Optional.empty();
    }

    long checked() {
        return checked;
    }

    Long lastEventPosition() {
        return lastEventPosition;
    }

    private Optional<Verification> broken(SealRepository.Link link, String reason) {
        return Optional.of(Verification.broken(checked, sealedUpTo, link.eventPosition(), link.sealPosition(),
                reason));
    }
}
