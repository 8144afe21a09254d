package changeledger.dashboard;

import changeledger.dashboard.session.DashboardSession;
import changeledger.dashboard.session.DashboardSessions;
import changeledger.dashboard.session.SessionAuthenticationMechanism;
import changeledger.dashboard.session.SessionCookies;
import changeledger.security.ApiKeyIdentityProvider;
import changeledger.security.Caller;
import changeledger.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Sign-in with an API key typed into a password field, and sign-out. The sign-in form carries a double-submit
 * token (a cookie and a field that must match); after sign-in every form carries the session's own token.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance signin(String csrf, String error);
    }

    private final DashboardSessions sessions;
    private final IdentityProviderManager identities;
    private final HttpServerRequest http;
    private final RoutingContext routing;

    /** Wires the pages. */
    public SignInResource(DashboardSessions sessions, IdentityProviderManager identities, HttpServerRequest http,
                          RoutingContext routing) {
        this.sessions = sessions;
        this.identities = identities;
        this.http = http;
        this.routing = routing;
    }

    /** The sign-in form, with a fresh double-submit token. */
    @GET
    @Path("sign-in")
    public Response form() {
        return form(null, Response.Status.OK);
    }

    /** Checks the key with the API's own identity provider and opens a session for it. */
    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm("apiKey") String apiKey, @RestForm("_csrf") String csrf,
                           @CookieParam(SessionCookies.SIGN_IN) String expected) {
        if (csrf == null || expected == null || csrf.isEmpty() || !csrf.equals(expected)) {
            throw new CsrfRefusedException();
        }
        if (apiKey == null || apiKey.isBlank()) {
            return form("Type an API key.", Response.Status.BAD_REQUEST);
        }
        Caller caller;
        try {
            SecurityIdentity identity = identities.authenticateBlocking(new TokenAuthenticationRequest(
                    new TokenCredential(apiKey.trim(), "bearer")));
            caller = identity.getAttribute(ApiKeyIdentityProvider.CALLER_ATTRIBUTE);
        } catch (AuthenticationFailedException e) {
            return form("This key is unknown or revoked.", Response.Status.UNAUTHORIZED);
        }
        if (caller.role().boundToHosts()) {
            return form("A key of role '" + caller.role().wireName() + "' can only send a host's records; sign in with a "
                    + "reader, submitter, approver or admin key.", Response.Status.FORBIDDEN);
        }
        closeCurrent();
        DashboardSession session = sessions.open(apiKey.trim(), caller.keyId());
        return Response.seeOther(URI.create("/"))
                .cookie(SessionCookies.of(SessionCookies.SESSION, session.id(), http),
                        SessionCookies.cleared(SessionCookies.SIGN_IN, http)).build();
    }

    /** Ends the session; a sign-out without the session's token is refused like any other form. */
    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestForm("_csrf") String csrf, @CookieParam(SessionCookies.SESSION) String id) {
        DashboardSession session = id == null ? null : sessions.use(id).orElse(null);
        if (session != null) {
            if (!session.acceptsCsrf(csrf)) {
                throw new CsrfRefusedException();
            }
            sessions.close(session.id());
        }
        return Response.seeOther(URI.create("/sign-in"))
                .cookie(SessionCookies.cleared(SessionCookies.SESSION, http)).build();
    }

    private void closeCurrent() {
        DashboardSession current = routing.get(SessionAuthenticationMechanism.SESSION_ATTRIBUTE);
        if (current != null) {
            sessions.close(current.id());
        }
    }

    private Response form(String error, Response.Status status) {
        String token = DashboardSessions.random();
        return Response.status(status).entity(Templates.signin(token, error))
                .cookie(SessionCookies.of(SessionCookies.SIGN_IN, token, http)).build();
    }
}
