package changeledger.dashboard;

import changeledger.query.EventFilters;
import changeledger.query.EventQueryResource;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query of an API call the dashboard makes in-process: the API resource reads its parameters from here and
 * applies its own checks to them, as it would to a request from curl. Blank form fields are left out.
 */
final class ApiQuery implements UriInfo {

    private final String path;
    private final MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();

    private ApiQuery(String path, Map<String, String> values) {
        this.path = path;
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                parameters.putSingle(name, value.trim());
            }
        });
    }

    /** The API path with these parameters (null or blank values left out). */
    static ApiQuery of(String path, Map<String, String> values) {
        return new ApiQuery(path, values);
    }

    /** The API path with parameters given as name, value, name, value... */
    static ApiQuery of(String path, String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new ApiQuery(path, values);
    }

    /** A form value as the API gets it from the dashboard: trimmed, null when blank. */
    static String value(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** {@code GET /api/v1/events} with these values, called in-process as a request from curl would call it. */
    static Response events(EventQueryResource events, Map<String, String> values, HttpHeaders headers,
                           RoutingContext routing) {
        ApiQuery query = of("/api/v1/events", values);
        return events.events(EventFilters.Parameters.of(values), query.parameters.getFirst("after"),
                query.parameters.getFirst("limit"), query, headers, routing);
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters() {
        return parameters;
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters(boolean decode) {
        return parameters;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public String getPath(boolean decode) {
        return path;
    }

    @Override
    public UriBuilder getRequestUriBuilder() {
        UriBuilder builder = UriBuilder.fromPath(path);
        parameters.forEach((name, values) -> builder.queryParam(name, values.toArray()));
        return builder;
    }

    @Override
    public URI getRequestUri() {
        return getRequestUriBuilder().build();
    }

    @Override
    public URI getAbsolutePath() {
        return URI.create(path);
    }

    @Override
    public UriBuilder getAbsolutePathBuilder() {
        return UriBuilder.fromPath(path);
    }

    @Override
    public URI getBaseUri() {
        return URI.create("/");
    }

    @Override
    public UriBuilder getBaseUriBuilder() {
        return UriBuilder.fromPath("/");
    }

    @Override
    public List<PathSegment> getPathSegments() {
        return List.of();
    }

    @Override
    public List<PathSegment> getPathSegments(boolean decode) {
        return List.of();
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters() {
        return new MultivaluedHashMap<>();
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters(boolean decode) {
        return new MultivaluedHashMap<>();
    }

    @Override
    public List<String> getMatchedURIs() {
        return List.of(path);
    }

    @Override
    public List<String> getMatchedURIs(boolean decode) {
        return List.of(path);
    }

    @Override
    public List<Object> getMatchedResources() {
        return List.of();
    }

    @Override
    public URI resolve(URI uri) {
        return getBaseUri().resolve(uri);
    }

    @Override
    public URI relativize(URI uri) {
        return getBaseUri().relativize(uri);
    }
}
