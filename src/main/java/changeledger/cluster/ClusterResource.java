package changeledger.cluster;

import changeledger.api.ApiDocument;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.host.HostAccess;
import changeledger.query.ChangeStatsView;
import changeledger.query.StatsBucket;
import changeledger.query.StatsBuckets;
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
 * {@code /api/v1/clusters}: clusters with their members over time, the evidence of their joins and their quorum
 * history, limited to the hosts the key covers (ADR 0062).
 */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ClusterResource {

    /** The clusters a key can see: {@code {items: [...]}}. */
    public record ClusterList(List<ClusterView> items) {
    }

    /**
     * A cluster's counts: {@code /hosts/{id}/stats} for its members' times, plus its losses of quorum once.
     *
     * @param cluster  the cluster
     * @param from     the range's start
     * @param to       the range's end
     * @param bucket   {@code day}, {@code week} or {@code month}
     * @param timeZone the zone of the buckets
     * @param members  the visible members' times in the range
     * @param buckets  the counts by class of every bucket
     */
    public record ClusterStats(String cluster, Instant from, Instant to, String bucket, String timeZone,
                               List<ClusterFigures.Member> members, List<ChangeStatsView.Bucket> buckets) {
    }

    /**
     * A cluster's disruptions: its members' windows in their times, and its windows without quorum.
     *
     * @param cluster the cluster
     * @param from    the range's start
     * @param to      the range's end
     * @param members the visible members' times in the range
     * @param count   the windows that count (failed tasks are listed, not counted)
     * @param minutes their minutes inside the range and the members' times, each window once
     * @param items   the windows, by start
     */
    public record ClusterDisruptions(String cluster, Instant from, Instant to, List<ClusterFigures.Member> members,
                                     int count, double minutes, List<ClusterFigures.Window> items) {
    }

    /**
     * A range's counts and windows of one cluster, read together.
     *
     * @param stats       as {@code /clusters/{name}/stats} answers
     * @param disruptions as {@code /clusters/{name}/disruptions} answers for the same range
     */
    public record Overview(ClusterStats stats, ClusterDisruptions disruptions) {
    }

    private final ClusterService clusters;
    private final ClusterFigures figures;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public ClusterResource(ClusterService clusters, ClusterFigures figures, HostAccess access, TimeConfig time) {
        this.clusters = clusters;
        this.figures = figures;
        this.access = access;
        this.time = time;
    }

    /** Every cluster with a member the key covers, by name. */
    @GET
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The clusters, each as the key may see it")
    public ClusterList list() {
        Instant now = Instant.now();
        return new ClusterList(clusters.names(access::canSee).stream()
                .map(name -> clusters.view(name, access::canSee, now)).toList());
    }

    /** One cluster. */
    @GET
    @Path("/{name}")
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The cluster as the key may see it")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ClusterView get(@PathParam("name") String name) {
        return clusters.view(name, access::canSee, Instant.now());
    }

    /** The cluster's counts by class in every bucket of the range (default: the current month, by day). */
    @GET
    @Path("/{name}/stats")
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The counts of the members for their times, quorum losses once")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ClusterStats stats(@PathParam("name") String name,
                              @QueryParam("from") @Parameter(description = "The first instant counted: an ISO-8601 "
                                      + "instant or date; default: the start of the month 'to' falls in") String from,
                              @QueryParam("to") @Parameter(description = "The first instant not counted; default: "
                                      + "the end of the current month") String to,
                              @QueryParam("bucket") @Parameter(description = "day, week or month; default day")
                              String bucketName) {
        return overview(name, from, to, bucketName).stats();
    }

    /** The cluster's windows in the range (default: the current month). */
    @GET
    @Path("/{name}/disruptions")
    @RolesAllowed(Role.READ)
    @APIResponse(responseCode = "200", description = "The members' windows in their times and the quorum windows")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ClusterDisruptions disruptions(@PathParam("name") String name,
                                          @QueryParam("from") @Parameter(description = "The range's start (inclusive),"
                                                  + " an ISO-8601 instant or date; default: the current month")
                                          String from,
                                          @QueryParam("to") @Parameter(description = "The range's end (exclusive)")
                                          String to) {
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.requested(from, to, zone, Instant.now());
        return disruptions(figures.of(name, access::canSee, range.from(), range.to(), zone, Instant.now()));
    }

    /**
     * The counts and the windows of one range from one reading of the cluster's figures, as {@link #stats} and
     * {@link #disruptions} answer them: what the dashboard's cluster page shows.
     */
    @RolesAllowed(Role.READ)
    public Overview overview(String name, String from, String to, String bucketName) {
        ZoneId zone = time.timeZone();
        StatsBucket bucket = StatsBuckets.bucket(bucketName);
        TimeRange range = TimeRange.requested(from, to, zone, Instant.now());
        ClusterFigures.Figures found = figures.of(name, access::canSee, range.from(), range.to(), zone, Instant.now());
        List<ChangeStatsView.Bucket> buckets = StatsBuckets.counted(StatsBuckets.spans(range, bucket, zone), bucket,
                found.byDay());
        return new Overview(new ClusterStats(name, range.from(), range.to(), bucket.wireName(), zone.getId(),
                found.members(), buckets), disruptions(found));
    }

    private static ClusterDisruptions disruptions(ClusterFigures.Figures found) {
        return new ClusterDisruptions(found.cluster(), found.from(), found.to(), found.members(),
                found.disruptionCount(), found.disruptionMinutes(), found.windows());
    }
}
