package changeledger.changerequest.rest;

import static changeledger.api.QueryParameters.text;

import changeledger.api.ApiDocument;
import changeledger.api.StrictJsonResolver;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.changerequest.Actor;
import changeledger.changerequest.ChangeRequest;
import changeledger.changerequest.ChangeRequestCommand;
import changeledger.changerequest.ChangeRequestFilter;
import changeledger.changerequest.ChangeRequestNotFoundException;
import changeledger.changerequest.ChangeRequestService;
import changeledger.changerequest.ChangeRequestStatus;
import changeledger.changerequest.ChangeRequestView;
import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import changeledger.host.HostAccess;
import changeledger.security.Caller;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/v1/change-requests}: submit, list and read change requests, and take their workflow steps
 * (approve and reject for approvers, start, complete, cancel and reschedule for submitters).
 */
@Path("/api/v1/change-requests")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ChangeRequestResource {

    /** The list: {@code {items: [...]}}. */
    public record ChangeRequestList(List<ChangeRequestView> items) {
    }

    private final ChangeRequestService service;
    private final HostAccess access;
    private final CurrentRequest request;
    private final TimeConfig time;
    private final ObjectMapper mapper;

    /** Wires the resource. */
    public ChangeRequestResource(ChangeRequestService service, HostAccess access, CurrentRequest request,
                                 TimeConfig time, ObjectMapper mapper) {
        this.service = service;
        this.access = access;
        this.request = request;
        this.time = time;
        this.mapper = new StrictJsonResolver(mapper).getContext(Object.class);
    }

    /** Submits a request for a change on a host the key covers. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "201", description = "Submitted; Location names the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangeRequestView.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public Response submit(Bodies.SubmitBody body) {
        ChangeRequestCommand.SubmitChangeRequest command = Bodies.submit(body, UUID.randomUUID().toString(),
                time.timeZone());
        access.visible(command.hostId());
        ChangeRequest submitted = handle(command);
        return Response.created(URI.create("/api/v1/change-requests/" + submitted.id()))
                .entity(service.view(submitted)).build();
    }

    /** The requests the key can see, by planned start; filters {@code host, status, from, to}. */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The requests the key can see, by planned start")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ChangeRequestList list(@QueryParam("host") @Parameter(description = "Only requests of this host id")
                                  String hostId,
                                  @QueryParam("status") @Parameter(description = "Only requests with this status",
                                          schema = @Schema(type = SchemaType.STRING, enumeration = {"submitted",
                                              "approved", "rejected", "in-progress", "completed", "cancelled"}))
                                  String statusName,
                                  @QueryParam("from") @Parameter(description = "Requests planned to end after this "
                                          + "ISO-8601 instant or date") String from,
                                  @QueryParam("to") @Parameter(description = "Requests planned to start before this "
                                          + "ISO-8601 instant or date (exclusive)") String to) {
        String host = text(hostId);
        if (host != null) {
            access.visible(host);
        }
        ChangeRequestStatus status = null;
        String statusText = text(statusName);
        if (statusText != null) {
            try {
                status = ChangeRequestStatus.fromWire(statusText);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("'status' is '" + statusText + "': use one of "
                        + ChangeRequestStatus.names() + ".");
            }
        }
        TimeRange range = TimeRange.parse(text(from), text(to), time.timeZone());
        Caller caller = request.caller();
        ChangeRequestFilter filter = new ChangeRequestFilter(host, caller.hostLimited() ? caller.hosts() : null,
                status, range.from(), range.to());
        return new ChangeRequestList(service.list(filter).stream().map(service::view).toList());
    }

    /** One request, with its history and the changes it covers. */
    @GET
    @Path("/{id}")
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The request with its history and linked changes")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ChangeRequestView get(@PathParam("id") String id) {
        return service.view(visible(id));
    }

    /** Approves a submitted request; not with the key that submitted it, unless self-approval is allowed. */
    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Role.APPROVE)
    @APIResponse(responseCode = "200", description = "The request after the step")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bodies.CommentBody.class)))
    public ChangeRequestView approve(@PathParam("id") String id, @Context HttpHeaders headers, String raw)
            throws JsonProcessingException {
        visible(id);
        Bodies.CommentBody body = read(raw, headers, Bodies.CommentBody.class);
        return step(new ChangeRequestCommand.ApproveChangeRequest(id, Bodies.comment(body, false)));
    }

    /** Rejects a submitted request; the comment says why. */
    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Role.APPROVE)
    @APIResponse(responseCode = "200", description = "The request after the step")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bodies.CommentBody.class)))
    public ChangeRequestView reject(@PathParam("id") String id, @Context HttpHeaders headers, String raw)
            throws JsonProcessingException {
        visible(id);
        Bodies.CommentBody body = read(raw, headers, Bodies.CommentBody.class);
        return step(new ChangeRequestCommand.RejectChangeRequest(id, Bodies.comment(body, true)));
    }

    /** Starts the work of an approved request. */
    @POST
    @Path("/{id}/start")
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "200", description = "The request after the step")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bodies.CommentBody.class)))
    public ChangeRequestView start(@PathParam("id") String id, @Context HttpHeaders headers, String raw)
            throws JsonProcessingException {
        visible(id);
        Bodies.CommentBody body = read(raw, headers, Bodies.CommentBody.class);
        return step(new ChangeRequestCommand.StartChangeRequest(id, Bodies.comment(body, false)));
    }

    /** Completes a started request with its outcome. */
    @POST
    @Path("/{id}/complete")
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "200", description = "The request after the step")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bodies.CompleteBody.class)))
    public ChangeRequestView complete(@PathParam("id") String id, @Context HttpHeaders headers, String raw)
            throws JsonProcessingException {
        visible(id);
        Bodies.CompleteBody body = read(raw, headers, Bodies.CompleteBody.class);
        return step(Bodies.complete(id, body));
    }

    /** Withdraws a request that has not started. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "200", description = "The request after the step")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bodies.CommentBody.class)))
    public ChangeRequestView cancel(@PathParam("id") String id, @Context HttpHeaders headers, String raw)
            throws JsonProcessingException {
        visible(id);
        Bodies.CommentBody body = read(raw, headers, Bodies.CommentBody.class);
        return step(new ChangeRequestCommand.CancelChangeRequest(id, Bodies.comment(body, false)));
    }

    /** Moves a request that has not started to a new window; it needs approval again. */
    @POST
    @Path("/{id}/reschedule")
    @RolesAllowed(Role.SUBMIT)
    @APIResponse(responseCode = "200", description = "The request after the step")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Bodies.RescheduleBody.class)))
    public ChangeRequestView reschedule(@PathParam("id") String id, @Context HttpHeaders headers, String raw)
            throws JsonProcessingException {
        visible(id);
        Bodies.RescheduleBody body = read(raw, headers, Bodies.RescheduleBody.class);
        return step(Bodies.reschedule(id, body, time.timeZone()));
    }

    /**
     * A step's body: none (or only blanks) is null, so steps without a body need no content type; anything else
     * must be JSON and is read as strictly as every own body (the mapper of {@link StrictJsonResolver}: duplicate
     * keys, trailing tokens, control characters and lone surrogates are a 400).
     */
    private <T> T read(String raw, HttpHeaders headers, Class<T> type) throws JsonProcessingException {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        MediaType contentType = headers.getMediaType();
        if (contentType == null || !contentType.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(Fault.of(415, "Send the body as "
                    + "application/json, or send no body."));
        }
        T body = mapper.readValue(raw, type);
        if (body == null) {
            // the literal null parses to no object: it is neither a body nor the absence of one
            throw ProblemException.badRequest("The body is JSON null: send a JSON object with this step's fields, "
                    + "or send no body where the step takes none.");
        }
        return body;
    }

    /** The request, when it exists and the key covers its host; 404 otherwise. */
    private ChangeRequest visible(String id) {
        return service.find(id).filter(r -> access.canSee(r.hostId()))
                .orElseThrow(() -> new ChangeRequestNotFoundException(id));
    }

    private ChangeRequestView step(ChangeRequestCommand command) {
        return service.view(handle(command));
    }

    private ChangeRequest handle(ChangeRequestCommand command) {
        Caller caller = request.caller();
        return service.handle(command, new Actor(caller.keyId(), caller.name()), request.metadata("api"));
    }

}
