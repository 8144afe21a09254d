package changeledger.report;

import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/hosts/{id}/unplanned?from&to}: the changes on a host that requires change requests which no
 * request covers, with the evidence; a missing {@code to} is the end of the current month, a missing {@code from}
 * the start of the month {@code to} falls in. Empty on a host that requires no requests. The security changes among
 * them are listed apart as well ({@code security}).
 */
@Path("/api/v1/hosts/{id}/unplanned")
@Produces(MediaType.APPLICATION_JSON)
public class UnplannedResource {

    private static final List<String> PARAMETERS = List.of("from", "to");

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
    public Map<String, List<UnplannedChange>> unplanned(@PathParam("id") String hostId, @Context UriInfo uri) {
        Host host = access.visible(hostId);
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        QueryParameters.requireKnown(parameters, PARAMETERS);
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.parse(QueryParameters.text(parameters, "from"),
                QueryParameters.text(parameters, "to"), zone).withMonthDefaults(Instant.now(), zone);
        if (!range.from().isBefore(range.to())) {
            throw ProblemException.badRequest("'from' (" + range.from() + ") must be before 'to' (" + range.to()
                    + "; without 'to': the end of the current month).");
        }
        List<UnplannedChange> items = reports.unplanned(host, range.from(), range.to());
        return Map.of("items", items, "security", items.stream().filter(u -> Boolean.TRUE.equals(u.security())).toList());
    }
}
