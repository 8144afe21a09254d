package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.ContentNegotiation;
import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.EventClass;
import changeledger.domain.ProblemException;
import changeledger.host.HostAccess;
import changeledger.projection.EventIndexFilter;
import changeledger.security.Caller;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    private static final Set<String> PARAMETERS = new TreeSet<>(Set.of("host", "type", "class", "actor", "source",
            "guest", "correlationId", "from", "to", "after", "limit"));
    private static final List<String> CLASSES = EventClass.names(List.of(EventClass.values()));

    private final EventQuery query;
    private final HostAccess access;
    private final CurrentRequest request;
    private final TimeConfig time;
    private final ObjectWriter ndjsonWriter;
    private final ObjectReader jsonReader;

    /** Wires the resource. */
    public EventQueryResource(EventQuery query, HostAccess access, CurrentRequest request, TimeConfig time,
                              ObjectMapper mapper) {
        this.query = query;
        this.access = access;
        this.request = request;
        this.time = time;
        this.ndjsonWriter = mapper.writerFor(EventView.class).withRootValueSeparator("")
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.jsonReader = mapper.reader();
    }

    /** A page as JSON, or every match as NDJSON or CSV. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces({MediaType.APPLICATION_JSON, NDJSON, CSV})
    public Response events(@Context UriInfo uri, @Context HttpHeaders headers) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        EventIndexFilter filter = filter(parameters);
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
            return Response.ok(ExportOutput.tolerant("NDJSON", request.caller().name(), ndjson), NDJSON).build();
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
        return Response.ok(ExportOutput.tolerant("CSV", request.caller().name(), csv), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"events.csv\"").build();
    }

    private EventIndexFilter filter(MultivaluedMap<String, String> parameters) {
        QueryParameters.requireKnown(parameters, PARAMETERS);
        String host = text(parameters, "host");
        if (host != null) {
            access.visible(host);
        }
        String eventClass = text(parameters, "class");
        if (eventClass != null && !CLASSES.contains(eventClass)) {
            throw ProblemException.badRequest("'class' is '" + eventClass + "': use one of " + CLASSES + ".");
        }
        Caller caller = request.caller();
        TimeRange range = TimeRange.parse(text(parameters, "from"), text(parameters, "to"), time.timeZone());
        return new EventIndexFilter(host, caller.hostLimited() ? caller.hosts() : null,
                !caller.hostLimited() && caller.role() == Role.ADMIN, text(parameters, "type"),
                eventClass, text(parameters, "actor"), text(parameters, "source"), text(parameters, "guest"),
                text(parameters, "correlationId"), range.from(), range.to());
    }
}
