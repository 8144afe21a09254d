package changeledger.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Picks the representation of a resource that offers several: the client's most preferred one we offer. */
public final class ContentNegotiation {

    private ContentNegotiation() {
    }

    /**
     * The first of {@code offered} that the client's {@code Accept} prefers (in its order of preference); the first
     * offered when it accepts anything or names none of them.
     */
    public static String choose(HttpHeaders headers, String... offered) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return offered[0];
            }
            for (String candidate : offered) {
                if (accepted.isCompatible(MediaType.valueOf(candidate))) {
                    return candidate;
                }
            }
        }
        return offered[0];
    }
}
