package changeledger.report;

import changeledger.api.Csv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report as CSV (RFC 4180): one row per host with its verdict and figures. */
final class ReportCsv {

    /**
     * The columns; {@code changes} are the observed changes, {@code budgetCount} the budget units, {@code gaps} the
     * collection gaps as {@code source from/to} separated by {@code ;} (an open gap ends in {@code open}),
     * {@code securityChanges} how many security changes the month had, {@code notes} what a reader must know beyond the
     * verdict (mixed trust zones in a cluster) separated by {@code ;}, {@code replicationLags} the replication jobs that
     * lagged behind their schedule as {@code jobId} separated by {@code ;} (ADR 0066).
     */
    static final List<String> HEADER = List.of("month", "timeZone", "partial", "hostId", "role", "verdict",
            "changes", "budgetCount", "monthlyChangeBudget", "disruptionMinutes", "monthlyDisruptionMinutes",
            "disruptions", "longestDisruptionMinutes", "planned", "unplanned", "failedTasks", "changeRequests",
            "daysSinceLastChange", "daysSinceLastDisruption", "reasons", "gaps", "securityChanges", "notes",
            "replicationLags");

    private ReportCsv() {
    }

    static String render(StabilityReport report) {
        StringBuilder csv = new StringBuilder();
        Csv.row(csv, HEADER);
        for (StabilityReport.HostReport host : report.hosts()) {
            List<String> cells = new ArrayList<>();
            cells.add(report.month());
            cells.add(report.timeZone());
            cells.add(Boolean.toString(report.partial()));
            cells.add(host.hostId());
            cells.add(host.role());
            cells.add(host.verdict().text());
            cells.add(Integer.toString(host.changes().observed()));
            cells.add(Integer.toString(host.changes().budgetCount()));
            cells.add(text(host.policy().monthlyChangeBudget()));
            cells.add(String.format(Locale.ROOT, "%.1f", host.disruptions().minutes()));
            cells.add(text(host.policy().monthlyDisruptionMinutes()));
            cells.add(Integer.toString(host.disruptions().count()));
            cells.add(String.format(Locale.ROOT, "%.1f", host.disruptions().longestMinutes()));
            cells.add(Integer.toString(host.changes().planned()));
            cells.add(Integer.toString(host.changes().unplanned()));
            cells.add(Integer.toString(host.failedTasks().size()));
            cells.add(Integer.toString(host.changeRequests().total()));
            cells.add(text(host.daysSinceLastChange()));
            cells.add(text(host.daysSinceLastDisruption()));
            cells.add(String.join(" ", host.reasons()));
            cells.add(String.join("; ", host.gaps().stream().map(g -> g.source() + " " + g.from() + "/"
                    + (g.to() == null ? "open" : g.to().toString())).toList()));
            cells.add(Integer.toString(host.securityChanges().size()));
            cells.add(String.join("; ", host.notes()));
            cells.add(String.join("; ", host.replicationLags().stream().map(StabilityReport.ReplicationLag::jobId)
                    .toList()));
            Csv.row(csv, cells);
        }
        return csv.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
