package changeledger.query;

import changeledger.api.ApiDocument;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/disruptions?from&to}: the host's disruption windows that overlap {@code [from, to)},
 * whole (a window is not clipped to the range; monthly figures split it), in start order.
 */
@Path("/api/v1/hosts/{id}/disruptions")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class DisruptionResource {

    /** The list: {@code {items: [...]}}. */
    public record DisruptionList(List<DisruptionView> items) {
    }

    private final DisruptionWindows windows;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public DisruptionResource(DisruptionWindows windows, HostAccess access, TimeConfig time) {
        this.windows = windows;
        this.access = access;
        this.time = time;
    }

    /** The windows; without {@code from} and {@code to}, those of the current month in the service's time zone. */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The windows, in start order")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public DisruptionList disruptions(@PathParam("id") String hostId,
                                      @QueryParam("from") @Parameter(description = "The range's start (inclusive), "
                                              + "an ISO-8601 instant or date; windows that overlap the range are "
                                              + "listed whole. Without from and to: the current month; one absent: "
                                              + "unbounded on that side") String from,
                                      @QueryParam("to") @Parameter(description = "The range's end (exclusive), an "
                                              + "ISO-8601 instant or date") String to) {
        access.visible(hostId);
        TimeRange range = range(from, to);
        Instant now = Instant.now();
        return new DisruptionList(windows.views(hostId, windows.between(hostId, range.from(), range.to()), now));
    }

    /** {@code from} and {@code to}; both absent: the current month; one absent: unbounded on that side. */
    private TimeRange range(String from, String to) {
        ZoneId zone = time.timeZone();
        if (blank(from) && blank(to)) {
            return TimeRange.month(YearMonth.now(zone), zone);
        }
        return TimeRange.parse(from, to, zone);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
