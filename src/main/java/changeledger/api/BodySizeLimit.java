package changeledger.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses declared bodies over the configured limits with a 413 problem before any of the body is
 * read. With {@code Expect: 100-continue} (curl sends it for large uploads) the client never sends
 * the body at all. Undeclared (chunked) bodies are capped by the services and the HTTP layer.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final LimitsConfig limits;
    private final ObjectMapper mapper;

    /** Reads the limits. */
    public BodySizeLimit(LimitsConfig limits, ObjectMapper mapper) {
        this.limits = limits;
        this.mapper = mapper;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String path = context.normalizedPath();
        if (declared == null || !path.startsWith("/api/")) {
            context.next();
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            context.next();
            return;
        }
        boolean upload = path.contains("/ingest/");
        long limit = upload ? limits.uploadBytes() : limits.jsonBodyBytes();
        if (length <= limit) {
            context.next();
            return;
        }
        Problem problem = Problem.of(jakarta.ws.rs.core.Response.Status.REQUEST_ENTITY_TOO_LARGE, "Body too large",
                "The body has " + length + " bytes; this endpoint accepts at most " + limit + " ("
                        + (upload ? "changeledger.limits.upload-bytes). Upload the file in parts."
                        : "changeledger.limits.json-body-bytes). Send a smaller request.")).at(path);
        try {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(mapper.writeValueAsString(problem.body()));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
