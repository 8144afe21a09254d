package changeledger.host;

import changeledger.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 404 for unknown (or invisible) hosts, 409 for host commands that contradict the host's state. */
public class HostProblemMappers {

    /** Unknown or invisible host. */
    @ServerExceptionMapper
    public Response notFound(HostNotFoundException e, UriInfo uri) {
        return Problem.of(Response.Status.NOT_FOUND, "Unknown host", e.getMessage()).at(uri.getPath()).toResponse();
    }

    /** Contradicting command. */
    @ServerExceptionMapper
    public Response conflict(HostConflictException e, UriInfo uri) {
        return Problem.of(Response.Status.CONFLICT, "Host state conflict", e.getMessage()).at(uri.getPath())
                .toResponse();
    }
}
