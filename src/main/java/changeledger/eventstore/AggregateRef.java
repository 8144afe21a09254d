package changeledger.eventstore;

import java.util.Objects;

/**
 * Names one event stream: the aggregate's type and its id.
 *
 * @param type the aggregate type, e.g. {@code ProxmoxTask}
 * @param id   the aggregate id, unique within its type
 */
public record AggregateRef(String type, String id) {

    /** Validates both parts. */
    public AggregateRef {
        Objects.requireNonNull(type, "aggregate type");
        Objects.requireNonNull(id, "aggregate id");
        if (type.isBlank() || id.isBlank()) {
            throw new IllegalArgumentException("aggregate type and id must not be blank");
        }
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
