package changeledger.report;

import changeledger.api.ApiDocument;
import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.cluster.ClusterService;
import changeledger.cluster.MembershipSpan;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.host.HostService;
import changeledger.security.Role;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/clusters/{name}/unplanned?from&to}: the unplanned changes of the cluster's visible members, each
 * for the time it was a member (ADR 0062), in time order; the rule of {@code /hosts/{id}/unplanned} per member.
 */
@Path("/api/v1/clusters/{name}/unplanned")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ClusterUnplannedResource {

    /**
     * An unplanned change of a member.
     *
     * @param hostId the member
     * @param change the change, as {@code /hosts/{id}/unplanned} lists it
     */
    public record Item(String hostId, @JsonUnwrapped UnplannedChange change) {
    }

    /**
     * The list.
     *
     * @param cluster the cluster
     * @param from    the range's start
     * @param to      the range's end
     * @param items   the members' unplanned changes in their times, in time order
     */
    public record ClusterUnplannedList(String cluster, Instant from, Instant to, List<Item> items) {
    }

    private final StabilityReportService reports;
    private final ClusterService clusters;
    private final HostService hosts;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public ClusterUnplannedResource(StabilityReportService reports, ClusterService clusters, HostService hosts,
                                    HostAccess access, TimeConfig time) {
        this.reports = reports;
        this.clusters = clusters;
        this.hosts = hosts;
        this.access = access;
        this.time = time;
    }

    /** The unplanned changes in {@code [from, to)} (default: the current month). */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The members' unplanned changes for their times")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ClusterUnplannedList unplanned(@PathParam("name") String name,
                                          @QueryParam("from") @Parameter(description = "The range's start (inclusive),"
                                                  + " an ISO-8601 instant or date; default: the start of the month "
                                                  + "'to' falls in") String from,
                                          @QueryParam("to") @Parameter(description = "The range's end (exclusive); "
                                                  + "default: the end of the current month") String to) {
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.requested(QueryParameters.text(from), QueryParameters.text(to), zone,
                Instant.now());
        List<Item> items = new ArrayList<>();
        for (MembershipSpan span : clusters.spans(name, access::canSee)) {
            Instant[] part = span.clip(range.from(), range.to());
            Host host = part == null ? null : hosts.find(span.hostId()).orElse(null);
            if (host != null) {
                reports.unplanned(host, part[0], part[1]).forEach(change -> items.add(new Item(host.id(), change)));
            }
        }
        items.sort(Comparator.comparing((Item item) -> item.change().occurredAt()).thenComparing(Item::hostId));
        return new ClusterUnplannedList(name, range.from(), range.to(), items);
    }
}
