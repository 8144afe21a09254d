package changeledger.report;

import changeledger.api.ApiDocument;
import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.host.Host;
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
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/unplanned?from&to}: the changes on a host that requires change requests which no
 * request covers, with the evidence; a missing {@code to} is the end of the current month, a missing {@code from}
 * the start of the month {@code to} falls in. Empty on a host that requires no requests. The security changes among
 * them are listed apart as well ({@code security}).
 */
@Path("/api/v1/hosts/{id}/unplanned")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class UnplannedResource {

    /**
     * The list.
     *
     * @param items    the unplanned changes, in time order
     * @param security the security changes among them, listed apart (only a request for {@code security} covers them)
     */
    public record UnplannedList(List<UnplannedChange> items, List<UnplannedChange> security) {
    }

    private final StabilityReportService reports;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public UnplannedResource(StabilityReportService reports, HostAccess access, TimeConfig time) {
        this.reports = reports;
        this.access = access;
        this.time = time;
    }

    /** The unplanned changes in {@code [from, to)}. */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The unplanned changes with their evidence")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public UnplannedList unplanned(@PathParam("id") String hostId,
                                   @QueryParam("from") @Parameter(description = "The range's start (inclusive), an "
                                           + "ISO-8601 instant or date; default: the start of the month 'to' falls "
                                           + "in") String from,
                                   @QueryParam("to") @Parameter(description = "The range's end (exclusive), an "
                                           + "ISO-8601 instant or date; default: the end of the current month")
                                   String to) {
        Host host = access.visible(hostId);
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.requested(QueryParameters.text(from), QueryParameters.text(to), zone,
                Instant.now());
        List<UnplannedChange> items = reports.unplanned(host, range.from(), range.to());
        return new UnplannedList(items, items.stream().filter(u -> Boolean.TRUE.equals(u.security())).toList());
    }
}
