package changeledger.host;

import changeledger.eventstore.StoredEvent;
import changeledger.eventstore.Upcaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

/** HostRegistered revision 1 had no zone: revision 2 takes the role's default zone. */
@ApplicationScoped
public class HostRegisteredUpcaster implements Upcaster {

    @Override
    public String eventType() {
        return "HostRegistered";
    }

    @Override
    public int fromRevision() {
        return 1;
    }

    @Override
    public JsonNode upcast(JsonNode payload, StoredEvent event) {
        ObjectNode next = payload.deepCopy();
        if (!next.hasNonNull("zone")) {
            next.put("zone", HostRole.fromWire(next.path("role").asText()).defaultZone());
        }
        return next;
    }
}
