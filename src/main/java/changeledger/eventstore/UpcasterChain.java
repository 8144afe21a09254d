package changeledger.eventstore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies upcasters one revision at a time until no upcaster matches. */
public final class UpcasterChain {

    /** Event type, then the revision an upcaster starts from. */
    private final Map<String, Map<Integer, Upcaster>> byTypeAndRevision = new HashMap<>();

    /** Builds the chain; two upcasters for the same type and revision are a programming error. */
    public UpcasterChain(List<Upcaster> upcasters) {
        for (Upcaster upcaster : upcasters) {
            if (byTypeAndRevision.computeIfAbsent(upcaster.eventType(), type -> new HashMap<>())
                    .putIfAbsent(upcaster.fromRevision(), upcaster) != null) {
                throw new IllegalStateException("Two upcasters for " + upcaster.eventType() + "@"
                        + upcaster.fromRevision());
            }
        }
    }

    /** The event at the newest revision its upcasters know. */
    public StoredEvent upcast(StoredEvent event) {
        StoredEvent current = event;
        Upcaster next;
        while ((next = find(current.type(), current.revision())) != null) {
            current = current.withPayload(current.revision() + 1, next.upcast(current.payload(), current));
        }
        return current;
    }

    /** Whether an event of this type and revision is older than the newest revision its upcasters know. */
    public boolean upcasts(String type, int revision) {
        return find(type, revision) != null;
    }

    private Upcaster find(String type, int revision) {
        Map<Integer, Upcaster> revisions = byTypeAndRevision.get(type);
        return revisions == null ? null : revisions.get(revision);
    }
}
