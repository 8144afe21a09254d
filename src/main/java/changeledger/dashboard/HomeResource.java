package changeledger.dashboard;

import changeledger.api.TimeConfig;
import changeledger.changerequest.ChangeRequestStatus;
import changeledger.changerequest.ChangeRequestView;
import changeledger.changerequest.rest.ChangeRequestResource;
import changeledger.host.HostResource;
import changeledger.host.HostRole;
import changeledger.host.HostView;
import changeledger.report.StabilityReport;
import changeledger.report.StabilityReportResource;
import changeledger.report.UnplannedChange;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The home page: a card per host the key may read, the infrastructure hosts first. */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    @CheckedTemplate(basePath = "dashboard")
    static class Templates {
        static native TemplateInstance home(Page page, String month, List<HostCard> cards);
    }

    private static final Set<ChangeRequestStatus> OPEN = Set.of(ChangeRequestStatus.SUBMITTED,
            ChangeRequestStatus.APPROVED, ChangeRequestStatus.IN_PROGRESS);
    private static final int LAST_UNPLANNED = 3;

    private final Pages pages;
    private final HostResource hosts;
    private final StabilityReportResource reports;
    private final ChangeRequestResource requests;
    private final TimeConfig time;

    /** Wires the page to the API's resources. */
    public HomeResource(Pages pages, HostResource hosts, StabilityReportResource reports,
                        ChangeRequestResource requests, TimeConfig time) {
        this.pages = pages;
        this.hosts = hosts;
        this.reports = reports;
        this.requests = requests;
        this.time = time;
    }

    /** The cards. */
    @GET
    public TemplateInstance home() {
        Page page = pages.page("Hosts", "home");
        String month = YearMonth.now(time.timeZone()).toString();
        List<HostView> visible = hosts.list().items();
        StabilityReport report = (StabilityReport) reports.report(month, null, null, ApiHeaders.JSON).getEntity();
        Map<String, StabilityReport.HostReport> sections = report.hosts().stream()
                .collect(Collectors.toMap(StabilityReport.HostReport::hostId, Function.identity()));
        List<ChangeRequestView> all = requests.list(null, null, null, null).items();
        List<HostCard> cards = new ArrayList<>();
        visible.stream().filter(h -> sections.containsKey(h.id()))
                .sorted(Comparator.comparing((HostView h) -> h.role() != HostRole.INFRASTRUCTURE)
                        .thenComparing(HostView::id))
                .forEach(host -> cards.add(card(host, sections.get(host.id()), all)));
        return Templates.home(page, month, cards);
    }

    private static HostCard card(HostView host, StabilityReport.HostReport section, List<ChangeRequestView> all) {
        StabilityReport.Policy policy = section.policy();
        Budget changes = Budget.of("Budget units", section.changes().budgetCount(), policy.monthlyChangeBudget(), "");
        Budget minutes = Budget.of("Disruption minutes", section.disruptions().minutes(),
                policy.monthlyDisruptionMinutes(), " min");
        List<ChangeRequestView> open = all.stream().filter(r -> r.hostId().equals(host.id()))
                .filter(r -> OPEN.contains(r.status())).toList();
        List<UnplannedChange> unplanned = new ArrayList<>(section.unplanned());
        unplanned.sort(Comparator.comparing(UnplannedChange::occurredAt).reversed());
        return new HostCard(host, section, changes, minutes, open,
                unplanned.subList(0, Math.min(LAST_UNPLANNED, unplanned.size())));
    }
}
