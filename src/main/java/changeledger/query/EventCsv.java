package changeledger.query;

import changeledger.api.Csv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Events as CSV (RFC 4180): a header, one row per event; payload and metadata as JSON text in their cells. */
final class EventCsv {

    static final List<String> HEADER = List.of("position", "id", "occurredAt", "recordedAt", "hostId", "class", "type",
            "aggregateType", "aggregateId", "sequence", "revision", "actor", "guest", "summary", "source",
            "correlationId", "payload", "metadata");

    private EventCsv() {
    }

    static void header(Writer out) throws IOException {
        Csv.row(out, HEADER);
    }

    /** One row; {@code json} reads the metadata for its source and correlation id. */
    static void event(Writer out, EventView event, ObjectReader json) throws IOException {
        JsonNode metadata = json.readTree(event.metadata());
        Csv.row(out, List.of(Long.toString(event.position()), event.id().toString(), event.occurredAt().toString(),
                event.recordedAt().toString(), text(event.hostId()), text(event.eventClass()), event.type(),
                event.aggregateType(), event.aggregateId(), Long.toString(event.sequence()),
                Integer.toString(event.revision()), text(event.actor()), text(event.guest()), text(event.summary()),
                field(metadata, "source"), field(metadata, "correlationId"), event.payload(), event.metadata()));
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
