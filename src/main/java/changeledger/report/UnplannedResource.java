package changeledger.report;

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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/hosts/{id}/unplanned?from&to}: the changes on a host that requires change requests which no
 * request covers, with the evidence; by default the current month. Empty on a host that requires no requests.
 */
@Path("/api/v1/hosts/{id}/unplanned")
@Produces(MediaType.APPLICATION_JSON)
public class UnplannedResource {

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
    public Map<String, List<UnplannedChange>> unplanned(@PathParam("id") String hostId, @QueryParam("from") String from,
                                                        @QueryParam("to") String to) {
        Host host = access.visible(hostId);
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.parse(from, to, zone);
        YearMonth current = YearMonth.from(Instant.now().atZone(zone));
        Instant start = range.from() != null ? range.from() : current.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = range.to() != null ? range.to() : current.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        if (!start.isBefore(end)) {
            throw changeledger.api.ProblemException.badRequest("'from' must be before 'to' (by default the end of "
                    + "the current month).");
        }
        return Map.of("items", reports.unplanned(host, start, end));
    }
}
