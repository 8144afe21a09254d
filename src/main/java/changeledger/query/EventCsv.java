package changeledger.query;

import changeledger.api.Csv;
import com.fasterxml.jackson.databind.JsonNode;
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

    static void event(Writer out, EventView event) throws IOException {
        Csv.row(out, List.of(Long.toString(event.position()), event.id().toString(), event.occurredAt().toString(),
                event.recordedAt().toString(), text(event.hostId()), text(event.eventClass()), event.type(),
                event.aggregateType(), event.aggregateId(), Long.toString(event.sequence()),
                Integer.toString(event.revision()), text(event.actor()), text(event.guest()), text(event.summary()),
                field(event.metadata(), "source"), field(event.metadata(), "correlationId"),
                event.payload().toString(), event.metadata().toString()));
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
