package changeledger.eventstore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies upcasters one revision at a time until no upcaster matches. */
public final class UpcasterChain {

    private final Map<String, Upcaster> byTypeAndRevision = new HashMap<>();

    /** Builds the chain; two upcasters for the same type and revision are a programming error. */
    public UpcasterChain(List<Upcaster> upcasters) {
        for (Upcaster upcaster : upcasters) {
            String key = key(upcaster.eventType(), upcaster.fromRevision());
            if (byTypeAndRevision.putIfAbsent(key, upcaster) != null) {
                throw new IllegalStateException("Two upcasters for " + key);
            }
        }
    }

    /** The event at the newest revision its upcasters know. */
    public StoredEvent upcast(StoredEvent event) {
        if (byTypeAndRevision.isEmpty()) {
            return event;
        }
        StoredEvent current = event;
        Upcaster next;
        while ((next = byTypeAndRevision.get(key(current.type(), current.revision()))) != null) {
            current = current.withPayload(current.revision() + 1, next.upcast(current.payload(), current));
        }
        return current;
    }

    /** Whether an event of this type and revision is older than the newest revision its upcasters know. */
    public boolean upcasts(String type, int revision) {
        return !byTypeAndRevision.isEmpty() && byTypeAndRevision.containsKey(key(type, revision));
    }

    private static String key(String type, int revision) {
        return type + "@" + revision;
    }
}
