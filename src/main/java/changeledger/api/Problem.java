package changeledger.api;

import changeledger.domain.Fault;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * An RFC 9457 problem detail.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} for plain HTTP statuses)
 * @param title    a short summary of the kind
 * @param status   the HTTP status
 * @param detail   what went wrong here and what to do about it
 * @param instance the request path
 * @param extra    additional members (e.g. the current status of a resource)
 */
public record Problem(String type, String title, int status, String detail, String instance,
                      Map<String, Object> extra) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** The same as a {@link MediaType}. */
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /** A problem with a plain HTTP status. */
    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    /** A problem of a named kind. */
    public static Problem of(Response.StatusType status, String title, String detail) {
        return new Problem("about:blank", title, status.getStatusCode(), detail, null, null);
    }

    /** The same problem with extra members. */
    public Problem with(Map<String, Object> members) {
        return new Problem(type, title, status, detail, instance, members);
    }

    /** The same problem for a request path. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, extra);
    }

    /** The response carrying this problem. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(body()).build();
    }

    /** The problem document: the RFC 9457 members, then the extra ones (written once, by {@link Fault#body()}). */
    public Map<String, Object> body() {
        return new Fault(type, title, status, detail, instance, extra).body();
    }
}
