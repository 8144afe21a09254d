package changeledger.security;

import changeledger.api.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 with a Bearer challenge for missing or unknown keys, 403 for keys without the right. */
public class SecurityProblemMappers {

    private static final String CHALLENGE = "Bearer realm=\"changeledger\"";

    /** No key, or a key that is unknown or revoked. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(UriInfo uri) {
        Response problem = Problem.of(Response.Status.UNAUTHORIZED, "Send a valid API key as "
                + "'Authorization: Bearer <token>'. Keys are created with POST /api/v1/api-keys; a revoked key "
                + "stops working at once.").at(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("WWW-Authenticate", CHALLENGE).build();
    }

    /** A known key whose role does not allow this. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "This API key's role does not allow this request. "
                + "Roles: reader < submitter < approver < admin; ingester only ingests for its hosts.")
                .at(uri.getPath()).toResponse();
    }
}
