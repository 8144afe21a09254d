package changeledger.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** A JSON page with its {@code Link: <...?after=next>; rel="next"} header while more may follow. */
public final class NextPage {

    private NextPage() {
    }

    /** The page as JSON; with a link to the request again with {@code after=next} when {@code next} is not null. */
    public static Response of(Object page, Object next, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page, MediaType.APPLICATION_JSON_TYPE);
        if (next != null) {
            URI link = uri.getRequestUriBuilder().replaceQueryParam("after", next).build();
            response.header("Link", "<" + link.getRawPath() + "?" + link.getRawQuery() + ">; rel=\"next\"");
        }
        return response.build();
    }
}
