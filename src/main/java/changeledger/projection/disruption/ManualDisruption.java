package changeledger.projection.disruption;

import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads the manual entries' side of the windows (the journal contract): a {@code ManualEntryRecorded} with a
 * {@code disruption: {start, end}} is a window of that span, cause {@code manual}; a {@code ManualEntryRetracted}
 * removes it.
 */
final class ManualDisruption {

    /** The aggregate type of manual entries; ids are {@code <hostId>/<entryId>}. */
    static final String AGGREGATE_TYPE = "ManualEntry";
    /** An entry was recorded. */
    static final String RECORDED = "ManualEntryRecorded";
    /** An entry was retracted. */
    static final String RETRACTED = "ManualEntryRetracted";

    private ManualDisruption() {
    }

    /** The host and key of the window an entry event concerns, for a recorded or retracted entry; else empty. */
    static Optional<WindowRef> ref(StoredEvent event) {
        if (!AGGREGATE_TYPE.equals(event.aggregate().type())
                || !(RECORDED.equals(event.type()) || RETRACTED.equals(event.type()))) {
            return Optional.empty();
        }
        String hostId = text(event.payload(), "hostId");
        String entryId = text(event.payload(), "entryId");
        if (hostId == null || entryId == null) {
            return Optional.empty();
        }
        return Optional.of(new WindowRef(hostId, entryId));
    }

    /**
     * The window a recorded entry declares; empty for an entry without a disruption, and for a retraction.
     *
     * @throws IllegalArgumentException when the disruption's times cannot be read
     */
    static Optional<Disruption> window(StoredEvent event) {
        if (!RECORDED.equals(event.type())) {
            return Optional.empty();
        }
        JsonNode payload = event.payload();
        JsonNode disruption = payload.get("disruption");
        if (disruption == null || disruption.isNull() || text(disruption, "start") == null) {
            return Optional.empty();
        }
        String target = text(payload, "target");
        target = target == null || target.isBlank() ? DisruptionTask.NODE : target;
        String guest = target.equals(DisruptionTask.NODE) || target.contains(":") ? null : target;
        Instant start = instant(text(disruption, "start"));
        String endText = text(disruption, "end");
        Instant end = endText == null ? null : instant(endText);
        if (end != null && end.isBefore(start)) {
            end = start;
        }
        return Optional.of(new Disruption(text(payload, "hostId"), target, guest, start, end, Disruption.MANUAL,
                null, null, text(payload, "entryId"), false, false));
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A manual entry's window: its host and its key. */
    record WindowRef(String hostId, String entryId) {

        /** The window's key among the host's windows. */
        String key() {
            return "entry:" + entryId;
        }
    }
}
