package changeledger.query;

import changeledger.api.ApiDocument;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.host.HostAccess;
import changeledger.projection.ChangeStatsReader;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/hosts/{id}/stats}: a host's tasks, access-log changes and manual change entries counted by
 * class in day, week or month buckets of the service's time zone.
 */
@Path("/api/v1/hosts/{id}/stats")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class ChangeStatsResource {

    private final ChangeStatsReader stats;
    private final HostAccess access;
    private final TimeConfig time;

    /** Wires the resource. */
    public ChangeStatsResource(ChangeStatsReader stats, HostAccess access, TimeConfig time) {
        this.stats = stats;
        this.access = access;
        this.time = time;
    }

    /**
     * The counts of a host in every bucket of {@code [from, to)}; {@code bucket} defaults to {@code day}, the range
     * to the current month.
     */
    @GET
    @RolesAllowed(Role.READ)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The counts by class in every bucket of the range")
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ChangeStatsView stats(@PathParam("id") String hostId,
                                 @QueryParam("from") @Parameter(description = "The first instant counted: an "
                                         + "ISO-8601 instant or date; default: the start of the month 'to' falls in")
                                 String from,
                                 @QueryParam("to") @Parameter(description = "The first instant not counted: an "
                                         + "ISO-8601 instant or date; default: the end of the current month")
                                 String to,
                                 @QueryParam("bucket") @Parameter(description = "The size of a bucket",
                                         schema = @Schema(type = SchemaType.STRING,
                                                 enumeration = {"day", "week", "month"}, defaultValue = "day"))
                                 String bucketName) {
        access.visible(hostId);
        StatsBucket bucket = StatsBuckets.bucket(bucketName);
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.requested(from, to, zone, Instant.now());
        List<StatsBuckets.Span> spans = StatsBuckets.spans(range, bucket, zone);
        List<ChangeStatsView.Bucket> buckets = StatsBuckets.counted(spans, bucket,
                stats.dailyCounts(hostId, range.from(), range.to(), zone));
        return new ChangeStatsView(hostId, range.from(), range.to(), bucket.wireName(), zone.getId(), buckets);
    }
}
