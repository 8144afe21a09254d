package changeledger.dashboard;

import changeledger.dashboard.session.DashboardSessions;
import changeledger.domain.ProblemException;
import changeledger.eventstore.rest.SealResource;
import changeledger.eventstore.seal.Verification;
import changeledger.host.HostResource;
import changeledger.host.HostRole;
import changeledger.host.HostView;
import changeledger.ingestion.pull.SyncResource;
import changeledger.processing.rest.ProcessorResource;
import changeledger.security.ApiKeyResource;
import changeledger.security.ApiKeyService;
import changeledger.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Administration for an admin key of all hosts: hosts and policies, sync, API keys (the token of a new key is shown
 * on the answer to its creation only), processors and replay, and seal verification.
 */
@Path("/admin")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    /**
     * What the last action left to show.
     *
     * @param message      a line on what happened, or null
     * @param createdToken the token of a key just created, or null
     * @param createdName  that key's name, or null
     * @param verification the result of a seal verification, or null
     */
    public record Notice(String message, String createdToken, String createdName, Verification verification) {
    }

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance admin(Page page, List<HostView> hosts, List<ApiKeyService.ApiKeyView> keys,
                                             List<ProcessorResource.ProcessorView> processors,
                                             changeledger.eventstore.seal.Checkpoint checkpoint, List<String> roles,
                                             Notice notice);
    }

    private final Pages pages;
    private final HostResource hosts;
    private final ApiKeyResource keys;
    private final ProcessorResource processors;
    private final SealResource seal;
    private final SyncResource sync;
    private final DashboardSessions sessions;

    /** Wires the page to the API's resources. */
    public AdminPages(Pages pages, HostResource hosts, ApiKeyResource keys, ProcessorResource processors,
                      SealResource seal, SyncResource sync, DashboardSessions sessions) {
        this.pages = pages;
        this.hosts = hosts;
        this.keys = keys;
        this.processors = processors;
        this.seal = seal;
        this.sync = sync;
        this.sessions = sessions;
    }

    /** The page. */
    @GET
    public TemplateInstance page(@QueryParam("done") String done) {
        return render(new Notice(done, null, null, null));
    }

    /** Registers a host. */
    @POST
    @Path("/hosts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@RestForm("_csrf") String csrf, @RestForm String id, @RestForm String name,
                             @RestForm String role, @RestForm String zone, @RestForm String node) {
        pages.form(csrf);
        pages.requireAdmin("registering hosts");
        HostRole hostRole;
        try {
            hostRole = role == null || role.isBlank() ? null : HostRole.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        hosts.register(new HostResource.RegisterHostBody(id, name, hostRole, blank(zone), node, null));
        return done("Registered host " + id + ".");
    }

    /** Replaces a host's policy; blank budgets mean no budget. */
    @POST
    @Path("/hosts/{id}/policy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response policy(@PathParam("id") String id, @RestForm("_csrf") String csrf,
                           @RestForm String requireChangeRequests, @RestForm String monthlyChangeBudget,
                           @RestForm String monthlyDisruptionMinutes) {
        pages.form(csrf);
        pages.requireAdmin("changing policies");
        hosts.policy(id, new HostResource.PolicyBody(requireChangeRequests != null,
                number("monthlyChangeBudget", monthlyChangeBudget),
                number("monthlyDisruptionMinutes", monthlyDisruptionMinutes)));
        return done("Replaced the policy of " + id + ".");
    }

    /** Pulls a host's tasks from its Proxmox API now. */
    @POST
    @Path("/hosts/{id}/sync")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response syncNow(@PathParam("id") String id, @RestForm("_csrf") String csrf) {
        pages.form(csrf);
        pages.requireAdmin("syncing hosts");
        var outcome = sync.syncNow(id);
        return done("Synced " + id + ": " + outcome.items() + " tasks read.");
    }

    /** Creates a key; this answer is the only place its token is shown. */
    @POST
    @Path("/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance createKey(@RestForm("_csrf") String csrf, @RestForm String name, @RestForm String role,
                                      @RestForm List<String> hosts) {
        pages.form(csrf);
        pages.requireAdmin("creating keys");
        Role keyRole;
        try {
            keyRole = role == null || role.isBlank() ? null : Role.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        ApiKeyService.CreatedKey created = (ApiKeyService.CreatedKey) keys.create(new ApiKeyResource.CreateApiKey(name,
                keyRole, hosts == null ? List.of() : hosts)).getEntity();
        return render(new Notice("Created key " + name + ". Copy its token now: it is not shown again.",
                created.token(), name, null));
    }

    /** Revokes a key; its dashboard sessions end with it. */
    @POST
    @Path("/keys/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") String id, @RestForm("_csrf") String csrf, @RestForm String reason) {
        pages.form(csrf);
        pages.requireAdmin("revoking keys");
        keys.revoke(id, blank(reason));
        sessions.closeAllOf(id);
        return done("Revoked key " + id + ".");
    }

    /** Rebuilds a processor's output. */
    @POST
    @Path("/processors/{name}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("name") String name, @RestForm("_csrf") String csrf) {
        pages.form(csrf);
        pages.requireAdmin("replaying processors");
        var started = (ProcessorResource.ReplayStarted) processors.replay(name).getEntity();
        return done("Replay of " + name + ": " + started.detail());
    }

    /** Recomputes the seal chain and shows the result. */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance verify(@RestForm("_csrf") String csrf) {
        pages.form(csrf);
        pages.requireAdmin("verifying the seal");
        return render(new Notice(null, null, null, seal.verify(null, null)));
    }

    private TemplateInstance render(Notice notice) {
        Page page = pages.page("Admin", "admin");
        pages.requireAdmin("administration");
        List<String> roles = java.util.Arrays.stream(Role.values()).map(Role::wireName).toList();
        return Templates.admin(page, hosts.list().items(),
                keys.list().items(), processors.list().items(),
                seal.checkpoint(), roles, notice);
    }

    private static Response done(String message) {
        return Response.seeOther(URI.create("/admin?done=" + URLEncoder.encode(message, StandardCharsets.UTF_8)))
                .build();
    }

    private static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("'" + name + "' is '" + value + "': give a whole number, or leave it "
                    + "blank for no budget.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
