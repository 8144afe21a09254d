package changeledger.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * A request line longer than {@link #MAX_URI_CHARS} gets a 414 problem saying what to do. The HTTP layer
 * reads request lines up to {@code quarkus.http.limits.max-initial-line-length} (set above this limit);
 * past that it answers 414 itself, without a body.
 */
@Provider
@PreMatching
public class UriLengthFilter implements ContainerRequestFilter {

    /** The longest path and query accepted. */
    public static final int MAX_URI_CHARS = 8192;

    private static final Response.StatusType URI_TOO_LONG = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 414;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "URI Too Long";
        }
    };

    @Override
    public void filter(ContainerRequestContext request) {
        String uri = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        int length = uri.length() + (query == null ? 0 : query.length() + 1);
        if (length > MAX_URI_CHARS) {
            request.abortWith(Problem.of(URI_TOO_LONG, "URI too long", "The path and query have " + length
                    + " characters; at most " + MAX_URI_CHARS + " are accepted. Narrow the query (fewer or shorter "
                    + "filters) or page with 'after'.").toResponse());
        }
    }
}
