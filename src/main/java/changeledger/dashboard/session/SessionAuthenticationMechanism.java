package changeledger.dashboard.session;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs dashboard requests in with the API key of their session: the key goes through the same identity provider
 * as a Bearer header, so its role, hosts and revocation hold exactly as on the API. Paths under {@code /api} and
 * {@code /q} never look at the cookie.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The routing-context key of the request's session. */
    public static final String SESSION_ATTRIBUTE = "changeledger.dashboard.session";

    private final DashboardSessions sessions;

    /** Reads sessions from the store. */
    public SessionAuthenticationMechanism(DashboardSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!dashboardPath(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(SessionCookies.SESSION);
        DashboardSession session = cookie == null ? null : sessions.use(cookie.getValue()).orElse(null);
        if (session == null) {
            return Uni.createFrom().nullItem();
        }
        context.put(SESSION_ATTRIBUTE, session);
        return identityProviderManager.authenticate(new TokenAuthenticationRequest(
                        new TokenCredential(session.apiKey(), "bearer")))
                .onFailure().recoverWithItem(() -> {
                    // the key was revoked since sign-in: the session ends, the browser is sent to sign in again
                    sessions.close(session.id());
                    context.remove(SESSION_ATTRIBUTE);
                    return null;
                });
    }

    /** Whether a path belongs to the dashboard (everything but the API and the Quarkus endpoints). */
    public static boolean dashboardPath(String path) {
        return path != null && !path.equals("/api") && !path.startsWith("/api/") && !path.equals("/q")
                && !path.startsWith("/q/");
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE,
                SessionCookies.SESSION));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 100;
    }
}
