package changeledger.report;

import changeledger.api.ApiDocument;
import changeledger.api.ContentNegotiation;
import changeledger.api.QueryParameters;
import changeledger.api.TimeConfig;
import changeledger.api.TimeRange;
import changeledger.domain.ProblemException;
import changeledger.host.Host;
import changeledger.host.HostAccess;
import changeledger.host.HostService;
import changeledger.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/v1/reports/stability/{yyyy-MM}}: the monthly stability report of every host the key may read, or
 * of one ({@code ?host=}), as JSON, HTML, Markdown or CSV by {@code Accept}.
 */
@Path("/api/v1/reports/stability")
@APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class StabilityReportResource {

    /** Markdown. */
    public static final String MARKDOWN = "text/markdown";
    /** CSV. */
    public static final String CSV = "text/csv";

    private final StabilityReportService reports;
    private final HostService hosts;
    private final HostAccess access;
    private final TimeConfig time;
    private final ClusterReporting clusterReporting;

    /** Wires the resource. */
    public StabilityReportResource(StabilityReportService reports, HostService hosts, HostAccess access,
                                   TimeConfig time, ClusterReporting clusterReporting) {
        this.clusterReporting = clusterReporting;
        this.reports = reports;
        this.hosts = hosts;
        this.access = access;
        this.time = time;
    }

    /** The report of one month. */
    @GET
    @Path("/{month}")
    @RolesAllowed(Role.READ)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MARKDOWN, CSV})
    @APIResponse(responseCode = "200", description = "The report in the format Accept asks for",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = StabilityReport.class)),
                @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = MARKDOWN, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public Response report(@PathParam("month") @Parameter(description = "The month, yyyy-MM; not after the current "
                                   + "one") String month,
                           @QueryParam("host") @Parameter(description = "Only this host id; absent: every host the "
                                   + "key may read") String hostId,
                           @QueryParam("cluster") @Parameter(description = "A whole cluster: its members' sections "
                                   + "(those that were members in the month) and the cluster's own figures")
                           String clusterName,
                           @Context HttpHeaders headers) {
        String host = QueryParameters.text(hostId);
        String cluster = QueryParameters.text(clusterName);
        if (host != null && cluster != null) {
            throw ProblemException.badRequest("Ask for one host ('host') or one cluster ('cluster'), not both.");
        }
        Instant now = Instant.now();
        YearMonth parsed = month(month, now);
        TimeRange range = TimeRange.month(parsed, time.timeZone());
        List<Host> scope;
        if (cluster != null) {
            List<String> members = clusterReporting.membersWithin(cluster, access::canSee, range.from(), range.to());
            scope = hosts.list().stream().filter(h -> members.contains(h.id())).toList();
        } else {
            scope = host == null ? hosts.list().stream().filter(h -> access.canSee(h.id())).toList()
                    : List.of(access.visible(host));
        }
        StabilityReport report = clusterReporting.annotate(reports.report(parsed, scope, now), cluster,
                access::canSee, range.from(), range.to(), time.timeZone(), now);
        String format = ContentNegotiation.choose(headers, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, MARKDOWN,
                CSV);
        if (format.equals(MediaType.TEXT_HTML)) {
            // the page needs nothing but its own inline style: no script, image, frame or form can run or load
            return Response.ok(ReportHtml.render(report), MediaType.TEXT_HTML + "; charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff").build();
        }
        if (format.equals(MARKDOWN)) {
            return Response.ok(ReportMarkdown.render(report), MARKDOWN + "; charset=utf-8").build();
        }
        if (format.equals(CSV)) {
            return Response.ok(ReportCsv.render(report), CSV + "; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"stability-" + report.month() + ".csv\"")
                    .build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private YearMonth month(String text, Instant now) {
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("The month is '" + text + "': give it as yyyy-MM, e.g. 2026-11.");
        }
        YearMonth current = YearMonth.from(now.atZone(time.timeZone()));
        if (month.isAfter(current)) {
            throw ProblemException.badRequest("The month " + month + " has not begun (it is " + current + " in "
                    + time.timeZone().getId() + ").");
        }
        return month;
    }

}
