package changeledger.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A change on a host that requires change requests, which no approved, started or completed request covers.
 *
 * @param eventId    the event that shows it
 * @param occurredAt when it happened
 * @param eventClass change, disruptive or manual
 * @param guest      the guest, or null for the node
 * @param actor      who made it
 * @param summary    what it was
 * @param reason     why it is unplanned, in words
 * @param security   true for a security change (only a request for {@code security} covers it); absent otherwise
 * @param guestName  the guest's name then; absent when no configuration snapshot named it
 */
public record UnplannedChange(String eventId, Instant occurredAt, @JsonProperty("class") String eventClass, String guest,
                              String actor, String summary, String reason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean security,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String guestName) {
}
