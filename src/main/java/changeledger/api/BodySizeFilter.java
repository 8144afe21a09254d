package changeledger.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses bodies over the configured limits with a 413 problem, before they are read. */
public class BodySizeFilter {

    private final LimitsConfig limits;

    /** Reads the limits. */
    public BodySizeFilter(LimitsConfig limits) {
        this.limits = limits;
    }

    /** Checks the declared length; undeclared (chunked) bodies are capped by quarkus.http.limits.max-body-size. */
    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        int length = request.getLength();
        if (length < 0) {
            return null;
        }
        boolean upload = request.getUriInfo().getPath().contains("/ingest/");
        long limit = upload ? limits.uploadBytes() : limits.jsonBodyBytes();
        if (length <= limit) {
            return null;
        }
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Body too large", "The body has " + length
                + " bytes; this endpoint accepts at most " + limit + " ("
                + (upload ? "changeledger.limits.upload-bytes" : "changeledger.limits.json-body-bytes")
                + "). " + (upload ? "Upload the file in parts." : "Send a smaller request."))
                .at(request.getUriInfo().getPath()).toResponse();
    }
}
