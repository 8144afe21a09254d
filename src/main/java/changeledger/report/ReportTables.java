package changeledger.report;

import changeledger.projection.ChangeCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's figures and tables as rows of text, for the templates to lay out; the HTML template escapes the
 * text, the Markdown template makes it inert with {@link ReportFormat#cell}.
 */
final class ReportTables {

    private ReportTables() {
    }

    static List<ReportSection.Figure> figures(StabilityReport.HostReport host) {
        StabilityReport.Policy policy = host.policy();
        StabilityReport.Changes changes = host.changes();
        return List.of(new ReportSection.Figure("Changes", "changes", Integer.toString(changes.observed())),
                new ReportSection.Figure("Budget units", "budget-units", changes.budgetCount() + budget(policy.monthlyChangeBudget(),
                        "")),
                new ReportSection.Figure("Disruption minutes", "disruption-minutes", minutes(host.disruptions().minutes())
                        + budget(policy.monthlyDisruptionMinutes(), " min")),
                new ReportSection.Figure("Disruptions (longest)", "disruptions", host.disruptions().count() + " ("
                        + minutes(host.disruptions().longestMinutes()) + " min)"),
                new ReportSection.Figure("Changes planned / unplanned", "planned-unplanned", changes.planned() + " / "
                        + changes.unplanned()),
                new ReportSection.Figure("Failed tasks", "failed-tasks", Integer.toString(host.failedTasks().size())),
                new ReportSection.Figure("Days since last change", "days-since-change", days(host.daysSinceLastChange())),
                new ReportSection.Figure("Days since last disruption", "days-since-disruption",
                        days(host.daysSinceLastDisruption())),
                new ReportSection.Figure("Change requests required", "requests-required",
                        policy.requireChangeRequests() ? "yes" : "no"));
    }

    static List<Long> byClass(ChangeCounts c) {
        return List.of(c.change(), c.disruptive(), c.start(), c.routine(), c.access(), c.unknown(), c.manual(),
                c.incident());
    }

    static List<ReportSection.Table> html(StabilityReport.HostReport host) {
        List<ReportSection.Table> tables = new ArrayList<>();
        if (host.policy().requireChangeRequests()) {
            tables.add(new ReportSection.Table("unplanned", "Unplanned changes", List.of("When", "Class", "Guest", "Actor", "What",
                    "Why"), unplanned(host), "None: every change was covered by a request."));
        }
        tables.add(new ReportSection.Table("security-changes", "Security changes", List.of("When", "Target", "Actor",
                "What", "Change request"), security(host), "None: no user, permission, token, firewall or notification "
                + "change was observed."));
        tables.add(new ReportSection.Table("gaps", "Collection gaps", List.of("Source", "From", "To"), gaps(host),
                "None: every source that reports tasks showed a sign of life within the allowed silence."));
        tables.add(new ReportSection.Table("disruptions", "Disruptions", List.of("Target", "Start", "End", "Minutes in month",
                "Cause", "Planned", "Note"), host.disruptions().windows().stream().map(w -> List.of(named(w.target(), w.guestName()),
                time(w.start()), w.open() ? openSince(w) : time(w.end()), minutes(w.durationMinutes()), w.cause(),
                w.planned() ? "yes (" + w.changeRequestId() + ")" : "no",
                w.failed() ? "failed task" : w.migration() ? "migration" : "")).toList(), "None."));
        tables.add(new ReportSection.Table("failed-tasks", "Failed tasks", List.of("Finished", "Guest", "Task"), failed(host),
                "None."));
        tables.add(new ReportSection.Table("replication-lags", "Replication lagging behind its schedule", List.of("Job",
                "Guest", "Target", "Why", "First seen", "Longest lag (min)", "Last sync", "Last error"),
                replicationLags(host), "None: no replication job was seen failing or overdue."));
        tables.add(new ReportSection.Table("change-requests", "Change requests", List.of("Id", "Title", "Target", "Status",
                "Planned", "Flags"), host.changeRequests().items().stream().map(r -> List.of(r.id(), r.title(),
                r.target(), r.status(), time(r.plannedStart()) + " \u2013 " + time(r.plannedEnd()),
                (r.selfApproved() ? "self-approved " : "") + (r.retroactive() ? "retroactive" : ""))).toList(),
                "None planned in this month."));
        tables.add(new ReportSection.Table("changes", "Changes", List.of("When", "Class", "Target", "Actor", "What",
                "Change request"), host.changes().items().stream().map(c -> List.of(when(c),
                c.eventClass(), named(c.target(), c.guestName()), text(c.actor()), text(c.summary()), c.changeRequestId() == null
                        ? "unplanned" : c.changeRequestId())).toList(), "None."));
        tables.add(new ReportSection.Table("trend", "Trend", List.of("Month", "Changes", "Budget units", "Disruption minutes"),
                trend(host), ""));
        return tables;
    }

    static List<ReportSection.Table> markdown(StabilityReport.HostReport host) {
        List<ReportSection.Table> tables = new ArrayList<>();
        if (host.policy().requireChangeRequests()) {
            tables.add(new ReportSection.Table("unplanned", "Unplanned changes", List.of("when", "class", "guest", "actor", "what",
                    "why"), unplanned(host), "None."));
        }
        tables.add(new ReportSection.Table("security-changes", "Security changes", List.of("when", "target", "actor",
                "what", "change request"), security(host), "None."));
        tables.add(new ReportSection.Table("gaps", "Collection gaps", List.of("source", "from", "to"), gaps(host), "None."));
        tables.add(new ReportSection.Table("disruptions", "Disruptions", List.of("target", "start", "end", "minutes in month",
                "cause", "planned"), host.disruptions().windows().stream().map(w -> List.of(named(w.target(), w.guestName()),
                String.valueOf(w.start()), w.open() ? openSince(w) : String.valueOf(w.end()),
                minutes(w.durationMinutes()), w.cause() + (w.failed() ? " (failed)" : ""),
                w.planned() ? w.changeRequestId() : "no")).toList(), "None."));
        tables.add(new ReportSection.Table("failed-tasks", "Failed tasks", List.of("finished", "guest", "task"), host.failedTasks()
                .stream().map(f -> List.of(String.valueOf(f.occurredAt()), text(f.guest()), text(f.summary())))
                .toList(), "None."));
        tables.add(new ReportSection.Table("replication-lags", "Replication lagging behind its schedule", List.of("job",
                "guest", "target", "why", "first seen", "longest lag (min)", "last sync", "last error"),
                replicationLags(host), "None."));
        tables.add(new ReportSection.Table("change-requests", "Change requests", List.of("id", "title", "target", "status",
                "planned start", "planned end"), host.changeRequests().items().stream().map(r -> List.of(r.id(),
                r.title() + (r.selfApproved() ? " (self-approved)" : "") + (r.retroactive() ? " (retroactive)" : ""),
                r.target(), r.status(), String.valueOf(r.plannedStart()), String.valueOf(r.plannedEnd()))).toList(),
                "None."));
        tables.add(new ReportSection.Table("trend", "Trend", List.of("month", "changes", "budget units", "disruption minutes"),
                trend(host), "None."));
        return tables;
    }

    private static List<List<String>> unplanned(StabilityReport.HostReport host) {
        return host.unplanned().stream().map(u -> List.of(time(u.occurredAt()), u.eventClass(),
                text(named(u.guest(), u.guestName())),
                text(u.actor()), text(u.summary()), u.reason())).toList();
    }

    private static List<List<String>> security(StabilityReport.HostReport host) {
        return host.securityChanges().stream().map(c -> List.of(when(c), named(c.target(), c.guestName()), text(c.actor()),
                text(c.summary()), c.changeRequestId() == null ? "unplanned" : c.changeRequestId())).toList();
    }

    /** When a change happened: its time, or a drift's window. */
    private static String when(StabilityReport.ChangeItem change) {
        return change.windowStart() == null ? time(change.occurredAt())
                : time(change.windowStart()) + " \u2013 " + time(change.occurredAt());
    }

    private static List<List<String>> gaps(StabilityReport.HostReport host) {
        return host.gaps().stream().map(g -> List.of(g.source(), time(g.from()), g.to() == null ? "still open"
                : time(g.to()))).toList();
    }

    private static List<List<String>> failed(StabilityReport.HostReport host) {
        return host.failedTasks().stream().map(f -> List.of(time(f.occurredAt()), text(f.guest()), text(f.summary())))
                .toList();
    }

    private static List<List<String>> replicationLags(StabilityReport.HostReport host) {
        return host.replicationLags().stream().map(l -> List.of(l.jobId(), text(named(l.guest(), l.guestName())),
                text(l.target()), (l.failing() ? "failed " + l.maxFailCount() + "x" : "")
                        + (l.failing() && l.overdue() ? ", " : "") + (l.overdue() ? "overdue" : ""),
                time(l.firstSeen()), l.longestLagMinutes() == null ? "never synced" : l.longestLagMinutes().toString(),
                l.lastSync() == null ? "never" : time(l.lastSync()), text(l.lastError()))).toList();
    }

    private static List<List<String>> trend(StabilityReport.HostReport host) {
        return host.trend().stream().map(t -> List.of(t.month(), Long.toString(t.changes()),
                Integer.toString(t.budgetUnits()), minutes(t.disruptionMinutes()))).toList();
    }

    /** An open window's end cell: "open since <start>, stopped by <user>". */
    static String openSince(StabilityReport.Window window) {
        return "open since " + window.openSince() + (window.stoppedBy() == null ? "" : ", stopped by "
                + window.stoppedBy());
    }

    static String budget(Integer budget, String unit) {
        return budget == null ? " (no budget)" : " of " + budget + unit;
    }

    static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes);
    }

    static String days(Long days) {
        return days == null ? "none on record" : Long.toString(days);
    }

    /** A guest as people know it, {@code pihole (101)}; the target alone when no name is known. */
    static String named(String target, String guestName) {
        return guestName == null || target == null ? target : guestName + " (" + target + ")";
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
