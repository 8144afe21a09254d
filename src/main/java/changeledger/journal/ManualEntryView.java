package changeledger.journal;

import changeledger.journal.ManualEntryEvent.Disruption;
import java.time.Instant;

/**
 * A manual entry as the API shows it.
 *
 * @param id              the entry id
 * @param hostId          the host
 * @param kind            change, incident, maintenance, note or retire
 * @param summary         one line
 * @param details         Markdown, or null
 * @param occurredAt      when it happened
 * @param target          what on the host it concerns
 * @param disruption      the disruption window, or null
 * @param changeRequestId the change request it belongs to, or null
 * @param recordedAt      when it was recorded
 * @param recordedBy      the name of the key that recorded it
 * @param retracted       whether it was retracted
 * @param retraction      the reason, time and key of the retraction, or null
 */
public record ManualEntryView(String id, String hostId, EntryKind kind, String summary, String details,
                              Instant occurredAt, String target, Disruption disruption, String changeRequestId,
                              Instant recordedAt, String recordedBy, boolean retracted, Retraction retraction) {

    /**
     * A retraction.
     *
     * @param reason why
     * @param at     when
     * @param by     the name of the key that retracted it
     */
    public record Retraction(String reason, Instant at, String by) {
    }
}
