package changeledger.dashboard;

import changeledger.api.TimeConfig;
import changeledger.chart.Chart;
import changeledger.host.HostResource;
import changeledger.host.HostView;
import changeledger.query.ChangeStatsResource;
import changeledger.query.ChangeStatsView;
import changeledger.query.DisruptionResource;
import changeledger.query.DisruptionView;
import changeledger.query.TaskResource;
import changeledger.report.UnplannedChange;
import changeledger.report.UnplannedResource;
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
 * A host's page: change frequency by class, the disruption timeline, the unplanned changes and the task view of a
 * range.
 */
@Path("/hosts")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class HostPageResource {

    /**
     * The range the page shows, as the form sent it.
     *
     * @param from   first day (inclusive), or blank for the current month
     * @param to     last day (exclusive), or blank
     * @param bucket day, week or month
     */
    public record Range(String from, String to, String bucket) {

        /** The range as the form sent it (a missing field blank), with the bucket the counts were made in. */
        static Range shown(String from, String to, String bucket) {
            return new Range(from == null ? "" : from, to == null ? "" : to, bucket);
        }
    }

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance host(Page page, HostView host, Range range, ChangeStatsView stats,
                                            Chart frequency, Chart timeline, List<DisruptionView> windows,
                                            List<UnplannedChange> unplanned, HostTasks tasks);
    }

    private final Pages pages;
    private final HostResource hosts;
    private final ChangeStatsResource stats;
    private final DisruptionResource disruptions;
    private final UnplannedResource unplanned;
    private final TaskResource tasks;
    private final TimeConfig time;

    /** Wires the page to the API's resources. */
    public HostPageResource(Pages pages, HostResource hosts, ChangeStatsResource stats,
                            DisruptionResource disruptions, UnplannedResource unplanned, TaskResource tasks,
                            TimeConfig time) {
        this.tasks = tasks;
        this.pages = pages;
        this.hosts = hosts;
        this.stats = stats;
        this.disruptions = disruptions;
        this.unplanned = unplanned;
        this.time = time;
    }

    /** The page; 404 (as on the API) for a host the key does not cover. */
    @GET
    @Path("/{id}")
    public TemplateInstance host(@PathParam("id") String id, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("bucket") String bucket,
                                 @QueryParam("taskType") String taskType, @QueryParam("taskClass") String taskClass,
                                 @QueryParam("taskStatus") String taskStatus,
                                 @QueryParam("taskAfter") String taskAfter) {
        pages.caller();
        HostView host = hosts.get(id);
        Page page = pages.page(host.name(), "home");
        ChangeStatsView counts = stats.stats(id, ApiQuery.value(from), ApiQuery.value(to), ApiQuery.value(bucket));
        String start = counts.from().toString();
        String end = counts.to().toString();
        List<DisruptionView> windows = disruptions.disruptions(id, start, end).items();
        List<UnplannedChange> changes = unplanned.unplanned(id, start, end).items();
        HostTasks taskPage = HostTasks.read(tasks, id, start, end, taskType, taskClass, taskStatus, taskAfter);
        return Templates.host(page, host, Range.shown(from, to, counts.bucket()), counts,
                HostCharts.frequency(counts, time.timeZone()),
                HostCharts.timeline(windows, counts.from(), counts.to(), time.timeZone()), windows, changes, taskPage);
    }
}
