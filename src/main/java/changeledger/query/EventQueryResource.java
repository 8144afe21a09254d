package changeledger.query;

import changeledger.api.ApiDocument;
import changeledger.api.ContentNegotiation;
import changeledger.api.NextPage;
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
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/events}: filtered pages of events in the gap-safe global order, or every match streamed as
 * NDJSON or CSV, chosen by {@code Accept}.
 */
@Path("/api/v1/events")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class EventQueryResource {

    /** The NDJSON media type. */
    public static final String NDJSON = "application/x-ndjson";
    /** The CSV media type. */
    public static final String CSV = "text/csv";

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

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
    @APIResponse(responseCode = "200", description = "A page (next absent on the last), or every match streamed "
            + "as NDJSON or CSV", headers = @Header(name = "Link", description = "<...?after=next>; "
            + "rel=\"next\" while more may follow", schema = @Schema(type = SchemaType.STRING)),
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = EventQuery.Page.class)),
                @Content(mediaType = NDJSON, schema = @Schema(implementation = EventView.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response events(@BeanParam EventFilters.Parameters filterParameters,
                           @QueryParam("after") @Parameter(description = "Start after this global position (the "
                                   + "'next' of the previous page); 0 or absent: from the first",
                                   schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
                           String afterParameter,
                           @QueryParam("limit") @Parameter(description = "Events per page (JSON only)",
                                   schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000",
                                           defaultValue = "100"))
                           String limitParameter,
                           @Context UriInfo uri, @Context HttpHeaders headers, @Context RoutingContext routing) {
        EventIndexFilter filter = filters.parse(filterParameters);
        long after = QueryParameters.wholeNumber("after", afterParameter, 0, 0, Long.MAX_VALUE);
        int limit = (int) QueryParameters.wholeNumber("limit", limitParameter, DEFAULT_LIMIT, 1, MAX_LIMIT);
        String format = ContentNegotiation.choose(headers, MediaType.APPLICATION_JSON, NDJSON, CSV);
        if (format.equals(MediaType.APPLICATION_JSON)) {
            EventQuery.Page page = query.page(filter, after, limit);
            return NextPage.of(page, page.next(), uri);
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
