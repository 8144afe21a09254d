package changeledger.security;

import changeledger.api.ApiDocument;
import changeledger.domain.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/api-keys}: create, list and revoke API keys (unrestricted admins only). */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ApiKeyResource {

    /** The body of a key creation. */
    public record CreateApiKey(String name, Role role, List<String> hosts) {
    }

    /** The keys: {@code {items: [...]}}, without secrets. */
    public record ApiKeyList(List<ApiKeyService.ApiKeyView> items) {
    }

    private final ApiKeyService keys;
    private final CurrentRequest request;

    /** Wires the resource. */
    public ApiKeyResource(ApiKeyService keys, CurrentRequest request) {
        this.keys = keys;
        this.request = request;
    }

    /** Creates a key; the response holds its token, shown this once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; the token is shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiKeyService.CreatedKey.class)))
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public Response create(CreateApiKey body) {
        request.requireAllHosts("creating keys");
        if (body == null) {
            throw ProblemException.badRequest("Send {\"name\": ..., \"role\": ..., \"hosts\": [...]} as JSON.");
        }
        if (body.hosts() == null) {
            throw ProblemException.badRequest("Field 'hosts' is required: the host ids this key may act on, or []"
                    + " for all hosts (not allowed for ingesters and notifiers).");
        }
        ApiKeyService.CreatedKey created = keys.create(body.name(), body.role(), body.hosts(),
                request.metadata("api"));
        return Response.created(URI.create("/api/v1/api-keys/" + created.id()))
                .entity(created).build();
    }

    /** Lists keys without secrets. */
    @GET
    @APIResponse(responseCode = "200", description = "The keys, newest first, without secrets")
    public ApiKeyList list() {
        request.requireAllHosts("listing keys");
        return new ApiKeyList(keys.list());
    }

    /** Revokes a key; it stops working with the next request. */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    public Response revoke(@PathParam("id") String id, @QueryParam("reason") String reason) {
        request.requireAllHosts("revoking keys");
        keys.revoke(id, reason, request.metadata("api"));
        return Response.noContent().build();
    }
}
