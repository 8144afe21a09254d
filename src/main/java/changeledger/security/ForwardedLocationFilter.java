package changeledger.security;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Behind a proxy that ends TLS, the service hears plain HTTP and makes a relative {@code Location} (a created
 * resource, a dashboard redirect) absolute with {@code http://}. When the peer is a trusted proxy whose
 * {@code X-Forwarded-Proto} says the client used https, the {@code Location} names https instead.
 */
public class ForwardedLocationFilter {

    private final ClientAddressResolver addresses;

    /** Uses {@code changeledger.trusted-proxies}. */
    public ForwardedLocationFilter(ClientAddressResolver addresses) {
        this.addresses = addresses;
    }

    /** Rewrites the scheme of an absolute http Location of a request a trusted proxy forwarded from https. */
    @ServerResponseFilter
    public void location(ContainerResponseContext response, HttpServerRequest request) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null || request.isSSL()) {
            return;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String rewritten = rewrite(location.toString(), addresses.isTrustedProxy(peer),
                request.getHeader("X-Forwarded-Proto"));
        if (!rewritten.equals(location.toString())) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, rewritten);
        }
    }

    /** {@code location} with https when it is an http URL, the peer a trusted proxy and the first proto https. */
    static String rewrite(String location, boolean trustedPeer, String forwardedProto) {
        if (!trustedPeer || forwardedProto == null || !location.startsWith("http://")) {
            return location;
        }
        String first = forwardedProto.split(",", 2)[0].trim();
        return "https".equalsIgnoreCase(first) ? "https://" + location.substring("http://".length()) : location;
    }
}
