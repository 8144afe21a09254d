package changeledger.evidence.rest;

import changeledger.api.QueryParameters;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/v1/hosts/{id}/evidence?from&to}: the host's sources with their last signs of life, and its gaps
 * that overlap {@code [from, to)} cut at its bounds (default: the current month).
 */
@Path("/api/v1/hosts/{id}/evidence")
public class EvidenceResource {

    private static final Set<String> PARAMETERS = Set.of("from", "to");

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
    public EvidenceView evidence(@PathParam("id") String hostId, @Context UriInfo uri) {
        access.visible(hostId);
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        QueryParameters.requireKnown(parameters, PARAMETERS);
        TimeRange range = TimeRange.parse(parameters.getFirst("from"), parameters.getFirst("to"), time.timeZone())
                .withMonthDefaults(Instant.now(), time.timeZone());
        return evidence.view(hostId, range.from(), range.to());
    }
}
