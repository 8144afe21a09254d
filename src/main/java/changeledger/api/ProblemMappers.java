package changeledger.api;

import changeledger.domain.Fault;
import changeledger.domain.ProblemException;
import changeledger.eventstore.ConcurrencyConflictException;
import changeledger.eventstore.EventIdConflictException;
import changeledger.eventstore.StoreContentionException;
import changeledger.eventstore.seal.InvalidCheckpointException;
import changeledger.processing.ReplayNotPossibleException;
import changeledger.processing.UnknownProcessorException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an {@code application/problem+json} response without stack traces. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Seconds a client waits before retrying after a database fault: a restart or failover takes a few. */
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    /** Faults the caller can fix, raised by the service's own code. */
    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Fault fault = e.problem();
        return new Problem(fault.type(), fault.title(), fault.status(), fault.detail(), uri.getPath(), fault.extra())
                .toResponse();
    }

    /** HTTP-level faults (404 unknown path, 406, ...; 405 and 415 are in {@link RoutingProblemMappers}). */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "Nothing is at " + uri.getPath() + ". See /q/openapi for the API.";
            case 406 -> "None of the media types in Accept can be produced here: leave Accept out, or ask for one "
                    + "that /q/openapi lists for " + uri.getPath() + ".";
            default -> nonBlank(e.getMessage());
        };
        return Problem.of(status, detail).at(uri.getPath()).toResponse();
    }

    /** Optimistic concurrency: someone else changed the stream first. */
    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflictException e, UriInfo uri) {
        return respond(Response.Status.CONFLICT, "Concurrent change",
                e.getMessage() + ". Read the resource again and retry.", uri);
    }

    /** PostgreSQL broke a deadlock between concurrent appends: the client should retry. */
    @ServerExceptionMapper
    public Response contention(StoreContentionException e, UriInfo uri) {
        Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Concurrent append",
                "This request collided with a concurrent one and nothing of it was stored. Send it again.")
                .at(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("Retry-After", "1").build();
    }

    /** An event id reused with other content. */
    @ServerExceptionMapper
    public Response idConflict(EventIdConflictException e, UriInfo uri) {
        return respond(Response.Status.CONFLICT, "Conflicting event", e.getMessage(), uri);
    }

    /** A processor name nobody runs. */
    @ServerExceptionMapper
    public Response unknownProcessor(UnknownProcessorException e, UriInfo uri) {
        return respond(Response.Status.NOT_FOUND, "Unknown processor", e.getMessage(), uri);
    }

    /** A replay that cannot start now or at all. */
    @ServerExceptionMapper
    public Response replayNotPossible(ReplayNotPossibleException e, UriInfo uri) {
        return respond(Response.Status.CONFLICT, "Replay not possible", e.getMessage(), uri);
    }

    /** A malformed checkpoint for verification. */
    @ServerExceptionMapper
    public Response invalidCheckpoint(InvalidCheckpointException e, UriInfo uri) {
        return respond(Response.Status.BAD_REQUEST, "Invalid checkpoint", e.getMessage(), uri);
    }

    /** JSON that does not parse or does not fit the expected shape (specific types win over built-ins). */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class,
        UnrecognizedPropertyException.class, InvalidFormatException.class, ValueInstantiationException.class,
        JsonParseException.class, JsonMappingException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(Response.Status.BAD_REQUEST, "Invalid JSON body", describe(e), uri);
    }

    /** Anything else: logged with its stack trace, answered without it. */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof WebApplicationException web) {
            return web(web, uri);
        }
        if (DatabaseFaults.connectionLost(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri.getPath(), rootMessage(e));
            String detail = DatabaseFaults.lostWhileCommitting(e)
                    ? "The connection to the database was lost while this request's transaction committed, so "
                    + "whether it was stored is unknown: it was stored in whole or not at all. An upload can be sent "
                    + "again in a few seconds (what is stored already is not stored twice); check anything else "
                    + "before sending it again."
                    : "The connection to the database was lost or could not be made; this request's transaction, if "
                    + "it had one, was rolled back and nothing of it was stored. Send it again in a few seconds.";
            Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Database unavailable", detail)
                    .at(uri.getPath()).toResponse();
            return Response.fromResponse(problem).header("Retry-After", DATABASE_RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "The service failed to handle this request; "
                + "the server log has the details. Retrying may help if the database was unavailable.")
                .at(uri.getPath()).toResponse();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response respond(Response.Status status, String title, String detail, UriInfo uri) {
        return Problem.of(status, title, detail).at(uri.getPath()).toResponse();
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof StrictText.InvalidTextException invalid) {
            return "Field '" + path(invalid) + "' " + invalid.getOriginalMessage() + ".";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + path(unknown) + "'. Known fields: " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ".";
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return "Field '" + path(invalid) + "': " + invalid.getCause().getMessage() + ".";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "Field '" + path(invalid) + "' has a wrong value " + invalid.getValue() + ": expected "
                    + invalid.getTargetType().getSimpleName() + ".";
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return "Field '" + path(mismatched) + "' has the wrong type: expected "
                    + (mismatched.getTargetType() == null ? "another type"
                    : mismatched.getTargetType().getSimpleName()) + ".";
        }
        if (e instanceof JsonParseException parse) {
            return "The body is not valid JSON: " + parse.getOriginalMessage()
                    + (parse.getLocation() == null ? "" : " (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")");
        }
        return "The body does not match the expected JSON shape: " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String nonBlank(String message) {
        return message == null ? "" : message;
    }
}
