package changeledger.query;

import changeledger.api.ApiDocument;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
import changeledger.host.HostAccess;
import changeledger.projection.ChangeCounts;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** The most buckets one request may ask for: more than a year of days. */
    public static final int MAX_BUCKETS = 400;

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
        StatsBucket bucket = bucket(bucketName);
        ZoneId zone = time.timeZone();
        TimeRange range = TimeRange.parse(from, to, zone)
                .withMonthDefaults(Instant.now(), zone);
        if (!range.from().isBefore(range.to())) {
            throw ProblemException.badRequest("The range is empty: 'from' (" + range.from() + ") must be before 'to' ("
                    + range.to() + "). Without 'to' the range ends with the current month; give 'to' as well.");
        }
        List<StatsBuckets.Span> spans = StatsBuckets.spans(range.from(), range.to(), bucket, zone, MAX_BUCKETS);
        if (spans.size() > MAX_BUCKETS) {
            throw ProblemException.badRequest("The range from " + range.from() + " to " + range.to() + " has more than "
                    + MAX_BUCKETS + " " + bucket.wireName() + " buckets; at most " + MAX_BUCKETS + " are allowed. "
                    + "Ask for a shorter range or a larger bucket (bucket=week or bucket=month).");
        }
        Map<LocalDate, ChangeCounts> byBucket = new HashMap<>();
        stats.dailyCounts(hostId, range.from(), range.to(), zone)
                .forEach((day, counts) -> byBucket.merge(bucket.floor(day), counts, ChangeCounts::plus));
        List<ChangeStatsView.Bucket> buckets = new ArrayList<>(spans.size());
        for (StatsBuckets.Span span : spans) {
            buckets.add(new ChangeStatsView.Bucket(span.start(), span.end(),
                    byBucket.getOrDefault(span.first(), ChangeCounts.ZERO)));
        }
        return new ChangeStatsView(hostId, range.from(), range.to(), bucket.wireName(), zone.getId(), buckets);
    }


    private static StatsBucket bucket(String value) {
        if (value == null || value.isBlank()) {
            return StatsBucket.DAY;
        }
        StatsBucket bucket = StatsBucket.ofWireName(value.trim());
        if (bucket == null) {
            throw ProblemException.badRequest("'bucket' is '" + value + "': use day, week or month (the default is day).");
        }
        return bucket;
    }
}
