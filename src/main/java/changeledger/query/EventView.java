package changeledger.query;

import changeledger.eventstore.EventRow;
import changeledger.projection.GuestHistory;
import changeledger.projection.IndexedEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event as the audit API shows it (DESIGN "Shapes"), plus its class, actor and guest from the event index.
 *
 * @param position      the global position
 * @param id            the event id
 * @param aggregateType the aggregate type
 * @param aggregateId   the aggregate id
 * @param sequence      the sequence number in its stream
 * @param type          the event type
 * @param revision      the payload revision (after upcasting)
 * @param occurredAt    when it happened
 * @param recordedAt    when the store committed it
 * @param hostId        the host, or null
 * @param eventClass    the class, or null for events that are not observations of a host
 * @param actor         who acted
 * @param guest         the guest id as raw text, or null
 * @param guestName     the guest's name when it occurred (a renamed guest keeps its old name on old events); absent
 *                      when no configuration snapshot named it
 * @param summary       a line a person reads: task type and guest, the API call, an entry's summary; or null
 * @param security      true for a security change (users, ACLs, tokens, firewall, notifications); absent otherwise
 * @param payload       the payload (newest revision) as compact JSON text, written into responses as it is
 * @param metadata      the metadata as recorded, as compact JSON text, written into responses as it is
 */
public record EventView(long position, UUID id, String aggregateType, String aggregateId, long sequence, String type,
                        int revision, Instant occurredAt, Instant recordedAt, String hostId,
                        @JsonProperty("class") String eventClass, String actor, String guest,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String guestName, String summary,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean security,
                        @JsonRawValue @Schema(type = SchemaType.OBJECT) String payload,
                        @JsonRawValue @Schema(type = SchemaType.OBJECT) String metadata) {

    /** The view of a stored event (upcast) and its index row, its guest named from the guests' history. */
    static EventView of(EventRow event, IndexedEvent indexed, GuestHistory guests) {
        return new EventView(event.position(), event.id(), event.aggregate().type(), event.aggregate().id(),
                event.sequence(), event.type(), event.revision(), event.occurredAt(), event.recordedAt(),
                indexed.hostId(), indexed.eventClass(), indexed.actor(), indexed.guest(),
                guests.nameAt(indexed.hostId(), indexed.guest(), event.occurredAt()), indexed.summary(),
                indexed.security() ? Boolean.TRUE : null, event.payloadJson(), event.metadataJson());
    }
}
