package changeledger.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 405 and 415: name the methods a path takes and the content type an endpoint takes. */
public class RoutingProblemMappers {

    private final Endpoints endpoints;

    /** Reads what each endpoint takes. */
    public RoutingProblemMappers(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** A method the path does not take. */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri, Request request) {
        Set<String> methods = endpoints.methods(uri.getPath());
        String detail = request.getMethod() + " is not allowed on " + uri.getPath()
                + (methods.isEmpty() ? "." : "; it takes " + String.join(", ", methods) + ".")
                + " A missing id, as in '/change-requests//approve', leaves a path that means something else;"
                + " see /q/openapi for the API.";
        Response.ResponseBuilder response = Response.fromResponse(
                Problem.of(Response.Status.METHOD_NOT_ALLOWED, detail).at(uri.getPath()).toResponse());
        if (!methods.isEmpty()) {
            response.header("Allow", String.join(", ", methods));
        }
        return response.build();
    }

    /** A body of a content type the endpoint does not take. */
    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri, Request request, HttpHeaders headers) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Set<String> types = endpoints.consumes(request.getMethod(), uri.getPath());
        String takes = types.isEmpty() ? "This endpoint does not take this content type"
                : "This endpoint takes " + String.join(" or ", types);
        String detail = takes + "; the request sent " + (sent == null || sent.isBlank() ? "no Content-Type"
                : "Content-Type: " + sent) + ". Send the body with "
                + (types.isEmpty() ? "the content type /q/openapi gives" : "-H 'Content-Type: "
                + types.iterator().next() + "'") + " (curl -d sends application/x-www-form-urlencoded unless told "
                + "otherwise).";
        return Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, detail).at(uri.getPath()).toResponse();
    }
}
