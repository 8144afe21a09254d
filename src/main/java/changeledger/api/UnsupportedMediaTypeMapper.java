package changeledger.api;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 415: names the content type the endpoint takes and the one the request sent. */
public class UnsupportedMediaTypeMapper {

    private final ConsumedMediaTypes consumed;

    /** Reads what each endpoint takes. */
    public UnsupportedMediaTypeMapper(ConsumedMediaTypes consumed) {
        this.consumed = consumed;
    }

    /** A body of a content type the endpoint does not take. */
    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, UriInfo uri, Request request, HttpHeaders headers) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Set<String> types = consumed.at(request.getMethod(), uri.getPath());
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
