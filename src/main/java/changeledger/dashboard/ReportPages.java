package changeledger.dashboard;

import changeledger.api.TimeConfig;
import changeledger.cluster.ClusterResource;
import changeledger.cluster.ClusterView;
import changeledger.host.HostResource;
import changeledger.host.HostView;
import changeledger.report.StabilityReportResource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;

/** Reports: a month picker, the HTML report, and the Markdown and CSV downloads, read with the session's key. */
@Path("/reports")
@PermitAll
public class ReportPages {

    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance reports(Page page, List<HostView> hosts, List<String> clusters, String month,
                                               String host, String cluster, String query);
    }

    private final Pages pages;
    private final StabilityReportResource reports;
    private final HostResource hosts;
    private final TimeConfig time;
    private final ClusterResource clusters;

    /** Wires the page to the API's resources. */
    public ReportPages(Pages pages, StabilityReportResource reports, HostResource hosts, TimeConfig time,
                       ClusterResource clusters) {
        this.clusters = clusters;
        this.pages = pages;
        this.reports = reports;
        this.hosts = hosts;
        this.time = time;
    }

    /** The month picker and the links. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("month") String month, @QueryParam("host") String host,
                                 @QueryParam("cluster") String cluster) {
        Page page = pages.page("Reports", "reports");
        String chosen = chosen(month);
        String named = clusterName(cluster);
        String query = "month=" + chosen + (host == null || host.isBlank() ? "" : "&host=" + host)
                + (named == null ? "" : "&cluster=" + named);
        return Templates.reports(page, hosts.list().items(), clusters.list().items().stream()
                        .map(ClusterView::name).toList(), chosen, host == null ? "" : host, named == null ? "" : named,
                query);
    }

    /** A cluster name as the API takes it, or null for none (or for text that cannot be one). */
    private static String clusterName(String cluster) {
        return cluster == null || !CLUSTER.matcher(cluster.trim()).matches() ? null : cluster.trim();
    }

    /** The HTML report, as the API serves it (its own strict policy: no scripts, no external assets). */
    @GET
    @Path("/view")
    @Produces(MediaType.TEXT_HTML)
    public Response html(@QueryParam("month") String month, @QueryParam("host") String host,
                         @QueryParam("cluster") String cluster) {
        return report(month, host, cluster, MediaType.TEXT_HTML);
    }

    /** The Markdown report, as a download. */
    @GET
    @Path("/download.md")
    @Produces(StabilityReportResource.MARKDOWN)
    public Response markdown(@QueryParam("month") String month, @QueryParam("host") String host,
                             @QueryParam("cluster") String cluster) {
        Response response = report(month, host, cluster, StabilityReportResource.MARKDOWN);
        return Response.fromResponse(response).header("Content-Disposition", "attachment; filename=\"stability-"
                + chosen(month) + ".md\"").build();
    }

    /** The CSV report, as a download. */
    @GET
    @Path("/download.csv")
    @Produces(StabilityReportResource.CSV)
    public Response csv(@QueryParam("month") String month, @QueryParam("host") String host,
                        @QueryParam("cluster") String cluster) {
        return report(month, host, cluster, StabilityReportResource.CSV);
    }

    private String chosen(String month) {
        return month == null || month.isBlank() ? YearMonth.now(time.timeZone()).toString() : month.trim();
    }

    private Response report(String month, String host, String cluster, String mediaType) {
        pages.caller();
        String chosen = chosen(month);
        return reports.report(chosen, ApiQuery.value(host), ApiQuery.value(cluster), ApiHeaders.accepting(mediaType));
    }
}
