package changeledger.dashboard;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The headers of an in-process API call: what it accepts and, for a body, that the body is JSON. */
final class ApiHeaders implements HttpHeaders {

    /** Accepts and sends JSON. */
    static final ApiHeaders JSON = new ApiHeaders(MediaType.APPLICATION_JSON_TYPE);

    private final MediaType accept;

    private ApiHeaders(MediaType accept) {
        this.accept = accept;
    }

    /** A call that accepts {@code mediaType}. */
    static ApiHeaders accepting(String mediaType) {
        return new ApiHeaders(MediaType.valueOf(mediaType));
    }

    @Override
    public List<String> getRequestHeader(String name) {
        MultivaluedMap<String, String> headers = getRequestHeaders();
        return headers.containsKey(name) ? headers.get(name) : List.of();
    }

    @Override
    public String getHeaderString(String name) {
        List<String> values = getRequestHeader(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        headers.putSingle(ACCEPT, accept.toString());
        headers.putSingle(CONTENT_TYPE, MediaType.APPLICATION_JSON);
        return headers;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return List.of(accept);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return List.of(Locale.ROOT);
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.APPLICATION_JSON_TYPE;
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return Map.of();
    }

    @Override
    public Date getDate() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }
}
