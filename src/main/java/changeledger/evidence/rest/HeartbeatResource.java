package changeledger.evidence.rest;

import changeledger.api.ApiDocument;
import changeledger.domain.ProblemException;
import changeledger.evidence.HeartbeatService;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/hosts/{id}/ingest/heartbeat}: the collector says it ran, also when nothing was new, so a quiet
 * host is told apart from a dead collector. Only the host's ingester key may send it.
 */
@Path("/api/v1/hosts/{id}/ingest/heartbeat")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.INGEST)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class HeartbeatResource {

    private final HeartbeatService heartbeats;
    private final HostAccess access;
    private final CurrentRequest request;

    /** Wires the resource. */
    public HeartbeatResource(HeartbeatService heartbeats, HostAccess access, CurrentRequest request) {
        this.heartbeats = heartbeats;
        this.access = access;
        this.request = request;
    }

    /** Records a sign of life per named source and a reported possible loss as a gap; 204. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "204", description = "Recorded as a sign of life of each source")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public Response heartbeat(@PathParam("id") String hostId, HeartbeatBody body) {
        Host host = access.ingestible(hostId);
        if (body == null) {
            throw ProblemException.badRequest("The heartbeat has no body. Send {\"collector\": {\"version\": \"1\"}, "
                    + "\"sources\": [{\"name\": \"task-index\"}]}.");
        }
        heartbeats.record(host.id(), body.validate(), request.metadata("heartbeat"));
        return Response.noContent().build();
    }
}
