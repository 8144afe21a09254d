package changeledger.eventstore.seal;

import java.time.Instant;

/**
 * A link of the seal chain to keep outside the database; a later verification against it
 * detects a history rewritten up to it.
 *
 * @param position      the seal position (the number of sealed events up to it)
 * @param eventPosition the position of the event that link seals
 * @param hash          the chain hash at that link, lower-case hex
 * @param at            when that link was written
 */
public record Checkpoint(long position, long eventPosition, String hash, Instant at) {
}
