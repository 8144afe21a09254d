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

    /** Each source's last sign of life, as an age ("task-index 4 min ago"); empty before any. */
    public List<String> freshness() {
        if (host.evidence() == null) {
            return List.of();
        }
        java.time.Instant now = java.time.Instant.now();
        return host.evidence().sources().stream().map(s -> s.name() + " " + age(s.lastSeenAt(), now)).toList();
    }

    /** The open collection gaps, in words. */
    public List<String> openGaps() {
        if (host.evidence() == null) {
            return List.of();
        }
        return host.evidence().openGaps().stream().map(g -> g.source() + " silent since " + g.from()).toList();
    }

    static String age(java.time.Instant at, java.time.Instant now) {
        if (at == null) {
            return "never";
        }
        long minutes = java.time.Duration.between(at, now).toMinutes();
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 120) {
            return minutes + " min ago";
        }
        return minutes < 2880 ? minutes / 60 + " h ago" : minutes / 1440 + " days ago";
    }

    /** The CSS class of the verdict's colour. */
    public String verdictClass() {
        return "v-" + report.verdict().text().replace(' ', '-');
    }
}
