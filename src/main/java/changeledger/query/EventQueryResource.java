package changeledger.query;

import changeledger.api.ContentNegotiation;
import changeledger.api.QueryParameters;
import changeledger.projection.EventIndexFilter;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/events}: filtered pages of events in the gap-safe global order, or every match streamed as
 * NDJSON or CSV, chosen by {@code Accept}.
 */
@Path("/api/v1/events")
public class EventQueryResource {

    /** The NDJSON media type. */
    public static final String NDJSON = "application/x-ndjson";
    /** The CSV media type. */
    public static final String CSV = "text/csv";

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private static final Set<String> PARAMETERS = EventFilters.with("after", "limit");

    private final EventQuery query;
    private final EventFilters filters;
    private final CurrentRequest request;
    private final ObjectWriter ndjsonWriter;
    private final ObjectReader jsonReader;
    private final ExportStreams exports;

    /** Wires the resource. */
    public EventQueryResource(EventQuery query, EventFilters filters, CurrentRequest request, ObjectMapper mapper,
                              ExportStreams exports) {
        this.exports = exports;
        this.query = query;
        this.filters = filters;
        this.request = request;
        this.ndjsonWriter = mapper.writerFor(EventView.class).withRootValueSeparator("")
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.jsonReader = mapper.reader();
    }

    /** A page as JSON, or every match as NDJSON or CSV. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces({MediaType.APPLICATION_JSON, NDJSON, CSV})
    public Response events(@Context UriInfo uri, @Context HttpHeaders headers, @Context RoutingContext routing) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        EventIndexFilter filter = filters.parse(parameters, PARAMETERS);
        long after = QueryParameters.wholeNumber(parameters, "after", 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParameters.wholeNumber(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String format = ContentNegotiation.choose(headers, MediaType.APPLICATION_JSON, NDJSON, CSV);
        if (format.equals(MediaType.APPLICATION_JSON)) {
            EventQuery.Page page = query.page(filter, after, limit);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items());
            Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
            if (page.next() != null) {
                body.put("next", page.next());
                URI next = uri.getRequestUriBuilder().replaceQueryParam("after", page.next()).build();
                response.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
            }
            return response.build();
        }
        long[] cursor = query.cursor(after);
        String keyId = request.caller().keyId();
        Optional<ExportStream> stream = exports.open(keyId, routing);
        if (stream.isEmpty()) {
            return exports.refusal(keyId, uri.getPath());
        }
        if (format.equals(NDJSON)) {
            StreamingOutput ndjson = output -> {
                try (JsonGenerator generator = ndjsonWriter.createGenerator(output)) {
                    query.export(filter, cursor, new EventQuery.Sink() {
                        @Override
                        public void accept(EventView event) throws java.io.IOException {
                            ndjsonWriter.writeValue(generator, event);
                            generator.writeRaw('\n');
                        }

                        @Override
                        public void endOfPage() throws java.io.IOException {
                            generator.flush();
                        }
                    });
                }
            };
            return Response.ok(stream.get().guard(ExportOutput.tolerant("NDJSON", request.caller().name(), ndjson)),
                    NDJSON).build();
        }
        StreamingOutput csv = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            EventCsv.header(writer);
            query.export(filter, cursor, new EventQuery.Sink() {
                @Override
                public void accept(EventView event) throws java.io.IOException {
                    EventCsv.event(writer, event, jsonReader);
                }

                @Override
                public void endOfPage() throws java.io.IOException {
                    writer.flush();
                }
            });
            writer.flush();
        };
        return Response.ok(stream.get().guard(ExportOutput.tolerant("CSV", request.caller().name(), csv)),
                        CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"events.csv\"").build();
    }
}
