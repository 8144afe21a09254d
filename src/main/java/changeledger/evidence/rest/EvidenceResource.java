package changeledger.evidence.rest;

import changeledger.api.ApiDocument;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.evidence.EvidenceStatus;
import changeledger.evidence.EvidenceView;
import changeledger.host.HostAccess;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/evidence?from&to}: the host's sources with their last signs of life, and its gaps
 * that overlap {@code [from, to)} cut at its bounds (default: the current month).
 */
@Path("/api/v1/hosts/{id}/evidence")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class EvidenceResource {

    private final EvidenceStatus evidence;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public EvidenceResource(EvidenceStatus evidence, HostAccess access, TimeConfig time) {
        this.evidence = evidence;
        this.access = access;
        this.time = time;
    }

    /** The host's evidence. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The sources with their last signs of life, and the gaps")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public EvidenceView evidence(@PathParam("id") String hostId,
                                 @QueryParam("from") @Parameter(description = "The range's start (inclusive), an "
                                         + "ISO-8601 instant or date; default: the start of the month 'to' falls in")
                                 String from,
                                 @QueryParam("to") @Parameter(description = "The range's end (exclusive), an "
                                         + "ISO-8601 instant or date; default: the end of the current month")
                                 String to) {
        access.visible(hostId);
        TimeRange range = TimeRange.parse(from, to, time.timeZone())
                .withMonthDefaults(Instant.now(), time.timeZone());
        return evidence.view(hostId, range.from(), range.to());
    }
}
