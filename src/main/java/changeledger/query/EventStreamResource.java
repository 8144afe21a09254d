package changeledger.query;

import static changeledger.api.QueryParameters.text;

import changeledger.api.ApiDocument;
import changeledger.api.Problem;
import changeledger.api.QueryParameters;
import changeledger.projection.EventIndexFilter;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
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
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code GET /api/v1/events/stream}: the events that match the filters of {@code GET /api/v1/events}, as server-sent
 * events in the gap-safe order, each as its JSON with its position as the SSE {@code id}. It starts after
 * {@code Last-Event-ID} (a reconnecting client's last id), else after {@code after} ({@code 0}: from the first
 * event), else with the events indexed from now on; so a client resumes without a gap or a double. A stream ends
 * when its key is revoked (at the next keep-alive).
 */
@Path("/api/v1/events/stream")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class EventStreamResource {

    /** The header an SSE client sends when it reconnects. */
    static final String LAST_EVENT_ID = "Last-Event-ID";

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
    @Parameter(name = LAST_EVENT_ID, in = ParameterIn.HEADER, description = "Resume after this position (the id "
            + "of the last event received); wins over 'after'", schema = @Schema(type = SchemaType.INTEGER,
            format = "int64", minimum = "0"))
    @APIResponse(responseCode = "200", description = "Each matching event as its JSON, its position as the id",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = EventView.class)))
    public void stream(@BeanParam EventFilters.Parameters filterParameters,
                       @QueryParam("after") @Parameter(description = "Start after this global position; 0: from "
                               + "the first event; absent: with the events indexed from now on",
                               schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
                       String after,
                       @Context HttpHeaders headers, @Context SseEventSink sink, @Context Sse sse) {
        EventIndexFilter filter = filters.parse(filterParameters);
        String lastEventId = headers.getHeaderString(LAST_EVENT_ID);
        long[] cursor;
        if (lastEventId != null && !lastEventId.isBlank()) {
            cursor = query.cursor(LAST_EVENT_ID, EventFilters.number(LAST_EVENT_ID, lastEventId, 0, Long.MAX_VALUE));
        } else if (text(after) != null) {
            cursor = query.cursor("after", QueryParameters.wholeNumber("after", after, 0, 0, Long.MAX_VALUE));
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
