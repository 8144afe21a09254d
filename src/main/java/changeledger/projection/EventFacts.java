package changeledger.projection;

import changeledger.eventstore.StoredEvent;
import changeledger.host.HostEvent;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskEvent;
import changeledger.ingestion.TaskClass;
import changeledger.ingestion.TaskClassifier;
import changeledger.ingestion.Upid;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What read models and the audit query know of any event, whatever its type: the host it concerns,
 * its class, the guest, who acted, where it came from.
 *
 * @param hostId        the host, or null for events of no host (API keys)
 * @param eventClass    the class ({@code change}, {@code disruptive}, ...), or null for events that are not
 *                      observations of a host (hosts, keys)
 * @param guest         the guest id as raw text, or null
 * @param actor         who acted: the Proxmox user or token of a task or API call, else the name of the
 *                      service key that recorded the event
 * @param actorKeyId    the id of the service key that recorded the event, or null
 * @param source        where it came from (metadata {@code source})
 * @param correlationId the correlation id of the request that recorded it, or null
 */
public record EventFacts(String hostId, String eventClass, String guest, String actor, String actorKeyId,
                         String source, String correlationId) {

    /** The class of an access-log change: a mutating API call that succeeded. */
    public static final String ACCESS_LOG_CHANGE_CLASS = TaskClass.CHANGE.json();

    /** Reads the facts of a stored (upcast) event; tasks are classified by their host's class table. */
    public static EventFacts of(StoredEvent event, TaskClassifier classifier) {
        JsonNode payload = event.payload();
        JsonNode metadata = event.metadata();
        String aggregateType = event.aggregate().type();
        String hostId = text(payload, "hostId");
        String eventClass = null;
        String actor = null;
        if (ProxmoxTaskEvent.AGGREGATE_TYPE.equals(aggregateType) && hostId != null) {
            String taskType = text(payload, "type");
            eventClass = taskType == null ? TaskClass.UNKNOWN.json() : classifier.forHost(hostId).classify(taskType).json();
            actor = text(payload, "user");
            if (actor == null && text(payload, "upid") != null) {
                actor = userOf(text(payload, "upid"));
            }
        } else if (ApiChangeObserved.TYPE.equals(event.type())) {
            eventClass = ACCESS_LOG_CHANGE_CLASS;
            actor = text(payload, "user");
        } else if (HostEvent.AGGREGATE_TYPE.equals(aggregateType) && hostId == null) {
            hostId = event.aggregate().id();
        }
        String keyName = text(metadata, "actorName");
        return new EventFacts(hostId, eventClass, blankToNull(text(payload, "guestId")), actor != null ? actor : keyName,
                text(metadata, "actorKeyId"), text(metadata, "source"), text(metadata, "correlationId"));
    }

    /** The user a finished task's UPID names (the finish event does not repeat it); null if it is unreadable. */
    private static String userOf(String upid) {
        try {
            return Upid.parse(upid).user();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
