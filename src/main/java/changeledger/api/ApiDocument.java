package changeledger.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * What {@code /q/openapi} says once for every operation: the API key scheme, the problem document and the problem
 * responses that operations name by {@code ref} (one constant per status). An {@link Application} only because the
 * OpenAPI scanner reads {@code @OpenAPIDefinition} there; it declares no resources, so every resource is served.
 */
@OpenAPIDefinition(
        info = @Info(title = "changeledger API", version = "1",
                description = "Audit and change log for Proxmox VE hosts"),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ApiDocument.API_KEY,
                        type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "changeledger API key",
                        description = "An API key of this service (clk_...), sent as a bearer token: "
                                + "Authorization: Bearer clk_.... It is no JWT: the service looks it up."),
                schemas = @Schema(name = ApiDocument.PROBLEM_SCHEMA, type = SchemaType.OBJECT,
                        description = "An RFC 9457 problem detail; some problems add members (e.g. the current "
                                + "status of a change request, the rejected lines of an upload).",
                        requiredProperties = {"type", "title", "status", "detail"},
                        additionalProperties = Schema.True.class,
                        properties = {
                            @SchemaProperty(name = "type", type = SchemaType.STRING,
                                    description = "A URI naming the kind of problem; about:blank for plain statuses"),
                            @SchemaProperty(name = "title", type = SchemaType.STRING,
                                    description = "A short summary of the kind of problem"),
                            @SchemaProperty(name = "status", type = SchemaType.INTEGER,
                                    description = "The HTTP status"),
                            @SchemaProperty(name = "detail", type = SchemaType.STRING,
                                    description = "What went wrong here and what to do about it"),
                            @SchemaProperty(name = "instance", type = SchemaType.STRING,
                                    description = "The request path")}),
                responses = {
                    @APIResponse(name = ApiDocument.BAD_REQUEST, description = "A query parameter that the "
                            + "operation does not take or that is given twice, a value that does not parse, or a "
                            + "body that is malformed or of the wrong shape",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.UNAUTHORIZED, description = "No API key, or one the service "
                            + "does not know or has revoked", headers = @Header(name = "WWW-Authenticate",
                            description = "Bearer", schema = @Schema(type = SchemaType.STRING)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.FORBIDDEN, description = "The key's role or hosts do not "
                            + "allow this",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.NOT_FOUND, description = "Nothing of that id that this key "
                            + "may see",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.CONFLICT, description = "The state of the resource does not "
                            + "allow this (the problem names it), or a concurrent change came first",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.TOO_LARGE, description = "The body is over the configured "
                            + "limit (changeledger.limits.*)",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.UNSUPPORTED_TYPE, description = "The body's Content-Type is "
                            + "not one this operation takes",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.UNPROCESSABLE, description = "Every line or item was "
                            + "rejected: nothing was stored; the per-line result is in the problem's members",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.BAD_GATEWAY, description = "The host's Proxmox API failed "
                            + "or could not be reached; the problem says how",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA))),
                    @APIResponse(name = ApiDocument.UNAVAILABLE, description = "The database is unreachable, a "
                            + "concurrent append collided, or the service runs as many streams or exports as it "
                            + "may; nothing was stored. Retry after Retry-After seconds",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(ref = ApiDocument.PROBLEM_SCHEMA)))}))
public class ApiDocument extends Application {

    /** The security scheme: an API key sent as a bearer token. */
    public static final String API_KEY = "apiKey";
    /** The schema of problem documents. */
    public static final String PROBLEM_SCHEMA = "Problem";
    /** 400. */
    public static final String BAD_REQUEST = "BadRequest";
    /** 401. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** 403. */
    public static final String FORBIDDEN = "Forbidden";
    /** 404. */
    public static final String NOT_FOUND = "NotFound";
    /** 409. */
    public static final String CONFLICT = "Conflict";
    /** 413. */
    public static final String TOO_LARGE = "PayloadTooLarge";
    /** 415. */
    public static final String UNSUPPORTED_TYPE = "UnsupportedMediaType";
    /** 422. */
    public static final String UNPROCESSABLE = "UnprocessableContent";
    /** 502. */
    public static final String BAD_GATEWAY = "BadGateway";
    /** 503. */
    public static final String UNAVAILABLE = "ServiceUnavailable";

    /** Made by the framework. */
    public ApiDocument() {
    }
}
