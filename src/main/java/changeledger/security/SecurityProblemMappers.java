package changeledger.security;

import changeledger.api.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 with a Bearer challenge and the way in for missing or unknown keys, 403 for keys without the right. */
public class SecurityProblemMappers {

    private static final String CHALLENGE = "Bearer realm=\"changeledger\"";

    private final SetupToken setupToken;
    private final SecurityConfig config;

    /** Reads whether a setup token or a bootstrap token is the way to the first key. */
    public SecurityProblemMappers(SetupToken setupToken, SecurityConfig config) {
        this.setupToken = setupToken;
        this.config = config;
    }

    /** No key. */
    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, UriInfo uri) {
        return unauthorized("This request has no API key. ", uri);
    }

    /** A key that is unknown or revoked. */
    @ServerExceptionMapper
    public Response unknown(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized("This API key is unknown or revoked (a revoked key stops working at once). ", uri);
    }

    /** A known key whose role does not allow this. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "This API key's role does not allow this request. "
                + "Roles: reader < submitter < approver < admin; ingester only ingests for its hosts, "
                + "notifier only posts its hosts' Proxmox notifications. "
                + "Ask an admin for a key with the role this request needs (POST /api/v1/api-keys).")
                .at(uri.getPath()).toResponse();
    }

    private Response unauthorized(String what, UriInfo uri) {
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, what + "Send 'Authorization: Bearer <key>'. "
                + "An admin creates keys with POST /api/v1/api-keys. " + firstKey()).at(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("WWW-Authenticate", CHALLENGE).build();
    }

    private String firstKey() {
        if (setupToken.pending()) {
            return "No admin key exists yet: the service printed a one-time setup token in its log at start, with the "
                    + "curl command that creates the first admin key (search the log for 'setup token').";
        }
        if (config.adminToken().filter(t -> !t.isBlank()).isPresent()) {
            return "The first admin key is created with the bootstrap token the service was started with "
                    + "(CHANGELEDGER_ADMIN_TOKEN).";
        }
        return "The first admin key comes from the bootstrap token CHANGELEDGER_ADMIN_TOKEN or, while no admin key "
                + "exists, from the one-time setup token the service prints in its log at start.";
    }
}
