package changeledger.dashboard;

import changeledger.api.TimeConfig;
import changeledger.chart.Chart;
import changeledger.cluster.ClusterResource;
import changeledger.cluster.ClusterView;
import changeledger.report.ClusterUnplannedResource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The clusters the key can see, and a cluster's page (ADR 0062): its members over time, the times without quorum,
 * change frequency and disruptions counted for the members' times, the unplanned changes and the journal's cluster
 * events of a range. Every figure is what {@code /api/v1/clusters/...} answers for the same key and range.
 */
@Path("/clusters")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ClusterPageResource {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance clusters(Page page, List<ClusterView> clusters);

        static native TemplateInstance cluster(Page page, ClusterView cluster, HostPageResource.Range range,
                                               ClusterResource.ClusterStats stats, Chart frequency, Chart timeline,
                                               ClusterResource.ClusterDisruptions disruptions,
                                               List<ClusterUnplannedResource.Item> unplanned,
                                               List<ClusterView.Event> journal);
    }

    private final Pages pages;
    private final ClusterResource clusters;
    private final ClusterUnplannedResource unplanned;
    private final TimeConfig time;

    /** Wires the pages to the API's resources. */
    public ClusterPageResource(Pages pages, ClusterResource clusters, ClusterUnplannedResource unplanned,
                               TimeConfig time) {
        this.pages = pages;
        this.clusters = clusters;
        this.unplanned = unplanned;
        this.time = time;
    }

    /** The clusters with a member the key covers. */
    @GET
    public TemplateInstance list() {
        Page page = pages.page("Clusters", "clusters");
        return Templates.clusters(page, clusters.list().items());
    }

    /** A cluster's page; 404 (as on the API) for a cluster with no member the key covers. */
    @GET
    @Path("/{name}")
    public TemplateInstance cluster(@PathParam("name") String name, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("bucket") String bucket) {
        pages.caller();
        ClusterView view = clusters.get(name);
        Page page = pages.page("Cluster " + view.name(), "clusters");
        ClusterResource.Overview overview = clusters.overview(name, ApiQuery.value(from), ApiQuery.value(to),
                ApiQuery.value(bucket));
        ClusterResource.ClusterStats counts = overview.stats();
        String start = counts.from().toString();
        String end = counts.to().toString();
        ClusterResource.ClusterDisruptions windows = overview.disruptions();
        List<ClusterUnplannedResource.Item> changes = unplanned.unplanned(name, start, end).items();
        List<ClusterView.Event> journal = view.events().stream()
                .filter(e -> !e.at().isBefore(counts.from()) && e.at().isBefore(counts.to())).toList();
        return Templates.cluster(page, view, HostPageResource.Range.shown(from, to, counts.bucket()),
                counts, HostCharts.frequency(counts.buckets(), counts.bucket(), time.timeZone()),
                HostCharts.clusterTimeline(windows.items(), counts.from(), counts.to(), time.timeZone()), windows,
                changes, journal);
    }
}
