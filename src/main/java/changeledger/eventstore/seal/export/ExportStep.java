package changeledger.eventstore.seal.export;

import changeledger.eventstore.seal.Checkpoint;
import java.util.Optional;

/** What an export run does for one target, from the seal head and the checkpoint last exported there. */
enum ExportStep {

    /** The chain moved on (or nothing was exported yet): export the head. */
    EXPORT,
    /** The head is the checkpoint exported last: nothing to do. */
    UNCHANGED,
    /** The head lies below the checkpoint exported last: the chain's tail was cut. Keep the export as it is. */
    BEHIND,
    /** The chain's link at the last exported position has another hash, or is gone: history was rewritten. */
    DIVERGED;

    /**
     * @param head         the seal head
     * @param lastExported the checkpoint exported last to the target, or null
     * @param storedAtLast the chain's link at {@code lastExported}'s position as it is now
     */
    static ExportStep of(Checkpoint head, Checkpoint lastExported, Optional<Checkpoint> storedAtLast) {
        if (lastExported == null) {
            return EXPORT;
        }
        if (head.position() < lastExported.position()) {
            return BEHIND;
        }
        if (storedAtLast.isEmpty() || !storedAtLast.get().hash().equalsIgnoreCase(lastExported.hash())) {
            return DIVERGED;
        }
        return head.position() == lastExported.position() ? UNCHANGED : EXPORT;
    }
}
