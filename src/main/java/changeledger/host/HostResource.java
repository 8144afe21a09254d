package changeledger.host;

import changeledger.api.ApiDocument;
import changeledger.domain.ProblemException;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/hosts}: register, list and read hosts, replace policies, join or leave clusters. */
@Path("/api/v1/hosts")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class HostResource {

    /** Body of a registration. */
    public record RegisterHostBody(String id, String name, HostRole role, String zone, String node,
                                   PolicyBody policy) {
    }

    /** Body of a policy replacement. */
    public record PolicyBody(Boolean requireChangeRequests, Integer monthlyChangeBudget,
                             Integer monthlyDisruptionMinutes) {

        HostPolicy toPolicy() {
            if (requireChangeRequests == null) {
                throw ProblemException.badRequest("Field 'requireChangeRequests' (true or false) is required.");
            }
            try {
                return new HostPolicy(requireChangeRequests, monthlyChangeBudget, monthlyDisruptionMinutes);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage() + ".");
            }
        }
    }

    /**
     * Body of a cluster change.
     *
     * @param cluster the cluster to join, or null to leave
     * @param since   when the change took effect (an ISO-8601 instant); absent: now
     */
    public record ClusterBody(String cluster, java.time.Instant since) {
    }

    /** The hosts a key can see: {@code {items: [...]}}. */
    public record HostList(List<HostView> items) {
    }

    static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final Pattern NODE = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");

    private final HostService hosts;
    private final HostAccess access;
    private final CurrentRequest request;
    private final HostSyncStatus syncStatus;
    private final HostEvidenceStatus evidence;

    /** Wires the resource. */
    public HostResource(HostService hosts, HostAccess access, CurrentRequest request, HostSyncStatus syncStatus,
                        HostEvidenceStatus evidence) {
        this.hosts = hosts;
        this.evidence = evidence;
        this.access = access;
        this.request = request;
        this.syncStatus = syncStatus;
    }

    /** Registers a host; the client chooses its id. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMINISTER)
    @APIResponse(responseCode = "201", description = "Registered; Location names the host",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = HostView.class)))
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public Response register(RegisterHostBody body) {
        request.requireAllHosts("registering hosts");
        HostCommand.RegisterHost command = validate(body);
        Host host = hosts.handle(command, request.metadata("api"));
        return Response.created(URI.create("/api/v1/hosts/" + host.id())).entity(view(host)).build();
    }

    /** The hosts this key can see. */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The hosts the key can see")
    public HostList list() {
        return new HostList(hosts.list().stream().filter(h -> access.canSee(h.id())).map(this::view).toList());
    }

    /** One host. */
    @GET
    @Path("/{id}")
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The host")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public HostView get(@PathParam("id") String id) {
        return view(access.visible(id));
    }

    /** Replaces the host's policy. */
    @PUT
    @Path("/{id}/policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMINISTER)
    @APIResponse(responseCode = "200", description = "The host with its new policy")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public HostView policy(@PathParam("id") String id, PolicyBody body) {
        access.visible(id);
        if (body == null) {
            throw ProblemException.badRequest("Send the whole policy: {\"requireChangeRequests\": true, "
                    + "\"monthlyChangeBudget\": 4, \"monthlyDisruptionMinutes\": 30} (null budgets: no budget).");
        }
        return view(hosts.handle(new HostCommand.ChangeHostPolicy(id, body.toPolicy()), request.metadata("api")));
    }

    /**
     * Joins a cluster ({@code {"cluster": "name"}}) or leaves it ({@code {"cluster": null}}), now or at a past
     * {@code since}.
     */
    @PUT
    @Path("/{id}/cluster")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMINISTER)
    @APIResponse(responseCode = "200", description = "The host in its new cluster, or in none")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocument.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public HostView cluster(@PathParam("id") String id, ClusterBody body) {
        access.visible(id);
        if (body == null) {
            throw ProblemException.badRequest("Send {\"cluster\": \"name\"} to join or {\"cluster\": null} to leave.");
        }
        if (body.cluster() != null && !CLUSTER.matcher(body.cluster()).matches()) {
            throw ProblemException.badRequest("Field 'cluster' must be a Proxmox cluster name: letters, digits "
                    + "and '-', at most 15 characters.");
        }
        return view(hosts.handle(new HostCommand.SetCluster(id, body.cluster(), body.since()),
                request.metadata("api")));
    }

    private HostView view(Host host) {
        return HostView.of(host, syncStatus.of(host.id()), evidence.of(host.id()));
    }

    static HostCommand.RegisterHost validate(RegisterHostBody body) {
        if (body == null) {
            throw ProblemException.badRequest("Send {\"id\", \"name\", \"role\", \"node\"} (and optionally "
                    + "\"zone\", \"policy\") as JSON.");
        }
        if (body.id() == null || !HOST_ID.matcher(body.id()).matches()) {
            throw ProblemException.badRequest("Field 'id' must be a slug: lower-case letters, digits and '-', "
                    + "starting with a letter or digit, at most 63 characters.");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 100) {
            throw ProblemException.badRequest("Field 'name' must be 1 to 100 characters.");
        }
        if (body.role() == null) {
            throw ProblemException.badRequest("Field 'role' is required: infrastructure or lab.");
        }
        if (body.node() == null || !NODE.matcher(body.node()).matches()) {
            throw ProblemException.badRequest("Field 'node' must be the Proxmox node name as it appears in the "
                    + "host's UPIDs (letters, digits and '-').");
        }
        if (body.zone() != null && (body.zone().isBlank() || body.zone().length() > 64)) {
            throw ProblemException.badRequest("Field 'zone' must be 1 to 64 characters when given.");
        }
        HostPolicy policy = body.policy() == null ? null : body.policy().toPolicy();
        String zone = body.zone() == null ? body.role().defaultZone() : body.zone();
        return new HostCommand.RegisterHost(body.id(), body.name().trim(), body.role(), zone, body.node(), policy);
    }
}
