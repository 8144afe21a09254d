package changeledger.dashboard;

import changeledger.dashboard.session.DashboardSession;
import changeledger.dashboard.session.SessionAuthenticationMechanism;
import changeledger.security.Caller;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ForbiddenException;

/**
 * The signed-in session of a dashboard request: every page starts here. No session (or a key revoked since) is a
 * redirect that sends the browser to the sign-in page; a form without the session's CSRF token is a 403.
 */
@RequestScoped
public class Pages {

    private final SecurityIdentity identity;
    private final RoutingContext routing;
    private final CurrentRequest request;

    /** Reads the request's identity and session. */
    public Pages(SecurityIdentity identity, RoutingContext routing, CurrentRequest request) {
        this.identity = identity;
        this.routing = routing;
        this.request = request;
    }

    /** The session's key; 401 when the request has no live session of its own. */
    public Caller caller() {
        session();
        return request.caller();
    }

    /** The page frame for a page of this section. */
    public Page page(String title, String section) {
        DashboardSession session = session();
        Caller caller = request.caller();
        return new Page(title, section, caller.name(), caller.role().wireName(),
                caller.hostLimited() ? String.join(", ", caller.hosts()) : "all hosts", session.csrf(),
                has(caller, Role.SUBMIT), has(caller, Role.APPROVE), has(caller, Role.ADMINISTER)
                        && !caller.hostLimited());
    }

    /** Checks a form's CSRF token against the session's; 403 when it is missing or wrong. */
    public Caller form(String csrf) {
        DashboardSession session = session();
        if (!session.acceptsCsrf(csrf)) {
            throw new CsrfRefusedException();
        }
        return request.caller();
    }

    /** Refuses (403) a key whose role does not include {@code role}, as the API's role check does. */
    public void require(String role) {
        if (!has(caller(), role)) {
            throw new ForbiddenException();
        }
    }

    /** Refuses (403) anything but an admin key for all hosts, as the API's administration does. */
    public void requireAdmin(String what) {
        require(Role.ADMINISTER);
        request.requireAllHosts(what);
    }

    /** Whether the key's role includes {@code role}. */
    public static boolean has(Caller caller, String role) {
        return caller.roleNames().contains(role);
    }

    /** The request's session: the identity must be the session's own key (not a Bearer header sent alongside). */
    public DashboardSession session() {
        if (identity.isAnonymous()) {
            throw new SignInRequiredException();
        }
        DashboardSession session = routing.get(SessionAuthenticationMechanism.SESSION_ATTRIBUTE);
        if (session == null || !session.keyId().equals(request.caller().keyId())) {
            throw new SignInRequiredException();
        }
        return session;
    }
}
