package changeledger.security;

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
import java.util.Map;

/** {@code /api/v1/api-keys}: create, list and revoke API keys (unrestricted admins only). */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMINISTER)
public class ApiKeyResource {

    /** The body of a key creation. */
    public record CreateApiKey(String name, Role role, List<String> hosts) {
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
    public Response create(CreateApiKey body) {
        request.requireAllHosts("creating keys");
        if (body == null) {
            throw ProblemException.badRequest("Send {\"name\": ..., \"role\": ..., \"hosts\": [...]} as JSON.");
        }
        if (body.hosts() == null) {
            throw ProblemException.badRequest("Field 'hosts' is required: the host ids this key may act on, or []"
                    + " for all hosts (not allowed for ingesters).");
        }
        ApiKeyService.CreatedKey created = keys.create(body.name(), body.role(), body.hosts(),
                request.metadata("api"));
        return Response.created(URI.create("/api/v1/api-keys/" + created.id()))
                .entity(Map.of("id", created.id(), "token", created.token(), "key", created.key())).build();
    }

    /** Lists keys without secrets. */
    @GET
    public Map<String, Object> list() {
        request.requireAllHosts("listing keys");
        return Map.of("items", keys.list());
    }

    /** Revokes a key; it stops working with the next request. */
    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id, @QueryParam("reason") String reason) {
        request.requireAllHosts("revoking keys");
        keys.revoke(id, reason, request.metadata("api"));
        return Response.noContent().build();
    }
}
