package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.Problem;
import changeledger.api.QueryParameters;
import changeledger.projection.EventIndexFilter;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code GET /api/v1/events/stream}: the events that match the filters of {@code GET /api/v1/events}, as server-sent
 * events in the gap-safe order, each as its JSON with its position as the SSE {@code id}. It starts after
 * {@code Last-Event-ID} (a reconnecting client's last id), else after {@code after} ({@code 0}: from the first
 * event), else with the events indexed from now on; so a client resumes without a gap or a double. A stream ends
 * when its key is revoked (at the next keep-alive).
 */
@Path("/api/v1/events/stream")
public class EventStreamResource {

    /** The header an SSE client sends when it reconnects. */
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final Set<String> PARAMETERS = EventFilters.with("after");

    private final EventFilters filters;
    private final EventQuery query;
    private final EventStreams streams;
    private final CurrentRequest request;

    /** Wires the resource. */
    public EventStreamResource(EventFilters filters, EventQuery query, EventStreams streams, CurrentRequest request) {
        this.filters = filters;
        this.query = query;
        this.streams = streams;
        this.request = request;
    }

    /** Opens the stream; a bad filter or place is a 400 before it starts. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context UriInfo uri, @Context HttpHeaders headers, @Context SseEventSink sink,
                       @Context Sse sse) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        EventIndexFilter filter = filters.parse(parameters, PARAMETERS);
        String lastEventId = headers.getHeaderString(LAST_EVENT_ID);
        long[] cursor;
        if (lastEventId != null && !lastEventId.isBlank()) {
            cursor = query.cursor(LAST_EVENT_ID, EventFilters.number(LAST_EVENT_ID, lastEventId, 0, Long.MAX_VALUE));
        } else if (text(parameters, "after") != null) {
            cursor = query.cursor("after", QueryParameters.wholeNumber(parameters, "after", 0, 0, Long.MAX_VALUE));
        } else {
            cursor = query.head();
        }
        streams.open(request.caller().keyId(), filter, cursor, sink, sse);
    }

    /** 503 with {@code Retry-After} while this instance serves as many streams as it may. */
    @ServerExceptionMapper
    public Response tooMany(TooManyStreamsException e, UriInfo uri) {
        Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Too many streams", e.getMessage())
                .at(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("Retry-After", Integer.toString(e.retryAfterSeconds())).build();
    }
}
