package changeledger.config.rest;

import changeledger.api.ApiDocument;
import changeledger.api.LimitsConfig;
import changeledger.api.RequestBody;
import changeledger.config.ConfigIngestionResult;
import changeledger.config.ConfigIngestionService;
import changeledger.evidence.EvidenceSource;
import changeledger.evidence.SignsOfLife;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.security.CurrentRequest;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/hosts/{id}/ingest/config}: a configuration snapshot from the host's ingester, a tar (or gzip of
 * one) of the documented files. A taken snapshot, changed or not, is a sign of life of the source {@code config}.
 */
@Path("/api/v1/hosts/{id}/ingest/config")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.INGEST)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ConfigIngestionResource {

    private final ConfigIngestionService service;
    private final HostAccess access;
    private final CurrentRequest request;
    private final LimitsConfig limits;
    private final SignsOfLife signs;

    /** Wires the resource. */
    public ConfigIngestionResource(ConfigIngestionService service, HostAccess access, CurrentRequest request,
                                   LimitsConfig limits, SignsOfLife signs) {
        this.service = service;
        this.access = access;
        this.request = request;
        this.limits = limits;
        this.signs = signs;
    }

    /** The snapshot: files at their paths without the leading {@code /}, plus an optional {@code packages.txt}. */
    @POST
    @Consumes({"application/x-tar", "application/gzip", "application/x-gzip", "application/tar+gzip",
            MediaType.APPLICATION_OCTET_STREAM})
    @APIResponse(responseCode = "200", description = "What the snapshot recorded")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_TYPE)
    public ConfigIngestionResult snapshot(@PathParam("id") String hostId, @HeaderParam(HttpHeaders.CONTENT_LENGTH)
                                          Long length, InputStream body) throws IOException {
        Host host = access.ingestible(hostId);
        byte[] bytes = RequestBody.read(body, length == null ? -1 : length, limits.uploadBytes());
        ConfigIngestionResult result = service.ingest(host.id(), bytes, request.metadata("config"));
        signs.seen(host.id(), EvidenceSource.CONFIG);
        return result;
    }
}
