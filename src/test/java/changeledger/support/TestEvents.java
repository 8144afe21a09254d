package changeledger.support;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.NewEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** Builders for event store test data; every aggregate id is unique, so tests never share streams. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A stream no other test uses. */
    public static AggregateRef uniqueAggregate(String type) {
        return new AggregateRef(type, "test-" + UUID.randomUUID());
    }

    /** An audit-sized event with a random id. */
    public static NewEvent event(String type, String note) {
        return event(UUID.randomUUID(), type, note);
    }

    /** An audit-sized event with the given id. */
    public static NewEvent event(UUID id, String type, String note) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("note", note)
                .put("hostId", "lab")
                .put("upid", "UPID:pve-lab:0000C0DE:00ABCDEF:6560F00D:qmstart:101:root@pam:");
        return new NewEvent(id, type, 1, payload, Instant.parse("2026-11-01T10:15:30Z"));
    }

    /** Metadata as a test caller. */
    public static EventMetadata metadata(String requestId) {
        return new EventMetadata("key-test", "test", "test", null, null, requestId, "127.0.0.1");
    }
}
