package changeledger.dashboard;

import changeledger.changerequest.ChangeRequestView;
import changeledger.host.HostView;
import changeledger.report.StabilityReport;
import changeledger.report.UnplannedChange;
import java.util.List;

/**
 * One host on the home page.
 *
 * @param host          the host as the API shows it
 * @param report        its section of this month's report
 * @param changes       the budget units against the change budget
 * @param minutes       the disruption minutes against their budget
 * @param openRequests  its requests that are submitted, approved or in progress
 * @param lastUnplanned its latest unplanned changes this month, newest first
 */
public record HostCard(HostView host, StabilityReport.HostReport report, Budget changes, Budget minutes,
                       List<ChangeRequestView> openRequests, List<UnplannedChange> lastUnplanned) {

    /** The CSS class of the verdict's colour. */
    public String verdictClass() {
        return "v-" + report.verdict().text().replace(' ', '-');
    }
}
