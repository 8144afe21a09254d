package changeledger.ingestion.pull;

import changeledger.api.ApiDocument;
import changeledger.host.HostAccess;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code POST /api/v1/hosts/{id}/sync}: pull the host's tasks from its Proxmox API now. */
@Path("/api/v1/hosts/{id}/sync")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class SyncResource {

    private final ProxmoxSyncService sync;
    private final HostAccess access;
    private final CurrentRequest request;

    /** Wires the resource. */
    public SyncResource(ProxmoxSyncService sync, HostAccess access, CurrentRequest request) {
        this.sync = sync;
        this.access = access;
        this.request = request;
    }

    /** Syncs now and answers what was ingested; 502 with the reason when the API cannot be read, 409 without one. */
    @POST
    @RolesAllowed(Role.ADMINISTER)
    @APIResponse(responseCode = "200", description = "What the pull read and stored")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "502", ref = ApiDocument.BAD_GATEWAY)
    public ProxmoxSyncService.SyncOutcome syncNow(@PathParam("id") String id) {
        access.visible(id);
        return sync.sync(id, request.metadata("sync"));
    }
}
