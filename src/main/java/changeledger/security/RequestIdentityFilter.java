package changeledger.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every request an id (X-Request-ID, honoured when sane) and resolves the client address. */
public class RequestIdentityFilter {

    private static final String HEADER = "X-Request-ID";
    private static final String PROPERTY = "changeledger.request-id";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final CurrentRequest current;
    private final ClientAddressResolver addresses;

    /** Fills the request-scoped {@link CurrentRequest}. */
    public RequestIdentityFilter(CurrentRequest current, ClientAddressResolver addresses) {
        this.current = current;
        this.addresses = addresses;
    }

    /** Runs before anything else sees the request. */
    @ServerRequestFilter(preMatching = true)
    public void identify(ContainerRequestContext context, HttpServerRequest request) {
        String given = context.getHeaderString(HEADER);
        String requestId = given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        String correlation = context.getHeaderString("X-Correlation-ID");
        if (correlation != null && !SANE_ID.matcher(correlation).matches()) {
            correlation = null;
        }
        context.setProperty(PROPERTY, requestId);
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        current.describe(requestId, addresses.resolve(peer, request.headers().getAll("X-Forwarded-For")),
                correlation == null ? requestId : correlation);
    }

    /** Echoes the request id on every response, errors included. */
    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
