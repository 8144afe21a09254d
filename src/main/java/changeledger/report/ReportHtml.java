package changeledger.report;

import changeledger.projection.ChangeCounts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The report as one self-contained HTML page (no scripts, no external resources), printable as it is. */
final class ReportHtml {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1d2330;max-width:75rem}
            h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccd;padding-bottom:.3rem}
            h3{font-size:1.05rem;margin-top:1.5rem}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
            th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f2f4f8}
            td.num{text-align:right}.verdict{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;font-weight:600}
            .within-budget{background:#dff3e4;color:#14532d}.over-budget{background:#fde2e1;color:#7f1d1d}
            .informational{background:#e6eefb;color:#1e3a8a}.no-data{background:#eee;color:#333}
            .unplanned-changes{background:#fdecd2;color:#7c2d12}.incomplete-evidence{background:#fef9c3;color:#713f12}
            .note{color:#556}.empty{color:#778;font-style:italic}
            """;

    private ReportHtml() {
    }

    static String render(StabilityReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Stability report ").append(e(report.month())).append("</title><style>")
                .append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Stability report ").append(e(report.month())).append("</h1>\n<p class=\"note\">Time zone ")
                .append(e(report.timeZone())).append(". Generated ").append(e(report.generatedAt().toString()))
                .append(report.partial() ? ". <strong>Partial:</strong> the month is still running." : ".")
                .append("</p>\n");
        if (report.hosts().isEmpty()) {
            html.append("<p class=\"empty\">No hosts this key may read.</p>\n");
        }
        for (StabilityReport.HostReport host : report.hosts()) {
            host(html, host);
        }
        return html.append("</body></html>\n").toString();
    }

    private static void host(StringBuilder html, StabilityReport.HostReport host) {
        String verdictClass = host.verdict().text().replace(' ', '-');
        html.append("<section id=\"host-").append(e(host.hostId())).append("\" data-verdict=\"")
                .append(e(host.verdict().text())).append("\">\n<h2>").append(e(host.name())).append(" <small>(")
                .append(e(host.hostId())).append(", ").append(e(host.role())).append(")</small></h2>\n")
                .append("<p><span class=\"verdict ").append(verdictClass).append("\">").append(e(host.verdict().text()))
                .append("</span></p>\n<ul class=\"reasons\">");
        host.reasons().forEach(reason -> html.append("<li>").append(e(reason)).append("</li>"));
        html.append("</ul>\n");

        StabilityReport.Policy policy = host.policy();
        StabilityReport.Changes changes = host.changes();
        html.append("<table class=\"figures\"><tbody>")
                .append(row("Changes", "changes", Integer.toString(changes.observed())))
                .append(row("Budget units", "budget-units",
                        changes.budgetCount() + budget(policy.monthlyChangeBudget(), "")))
                .append(row("Disruption minutes", "disruption-minutes", String.format(Locale.ROOT, "%.1f",
                        host.disruptions().minutes()) + budget(policy.monthlyDisruptionMinutes(), " min")))
                .append(row("Disruptions (longest)", "disruptions", host.disruptions().count() + " ("
                        + String.format(Locale.ROOT, "%.1f", host.disruptions().longestMinutes()) + " min)"))
                .append(row("Changes planned / unplanned", "planned-unplanned",
                        changes.planned() + " / " + changes.unplanned()))
                .append(row("Failed tasks", "failed-tasks", Integer.toString(host.failedTasks().size())))
                .append(row("Days since last change", "days-since-change", days(host.daysSinceLastChange())))
                .append(row("Days since last disruption", "days-since-disruption",
                        days(host.daysSinceLastDisruption())))
                .append(row("Change requests required", "requests-required",
                        policy.requireChangeRequests() ? "yes" : "no"))
                .append("</tbody></table>\n");

        ChangeCounts counts = changes.byClass();
        html.append("<h3>By class</h3>\n<table class=\"by-class\"><thead><tr><th>change</th><th>disruptive</th>")
                .append("<th>start</th><th>routine</th><th>access</th><th>unknown</th><th>manual</th></tr></thead>")
                .append("<tbody><tr>").append(num(counts.change())).append(num(counts.disruptive()))
                .append(num(counts.start())).append(num(counts.routine())).append(num(counts.access()))
                .append(num(counts.unknown())).append(num(counts.manual())).append("</tr></tbody></table>\n");

        if (policy.requireChangeRequests()) {
            html.append("<h3>Unplanned changes</h3>\n");
            table(html, "unplanned", List.of("When", "Class", "Guest", "Actor", "What", "Why"), host.unplanned().stream()
                    .map(u -> List.of(time(u.occurredAt()), u.eventClass(), text(u.guest()), text(u.actor()),
                            text(u.summary()), u.reason())).toList(), "None: every change was covered by a request.");
        }
        html.append("<h3>Collection gaps</h3>\n");
        table(html, "gaps", List.of("Source", "From", "To"), host.gaps().stream()
                .map(g -> List.of(g.source(), time(g.from()), g.to() == null ? "still open" : time(g.to()))).toList(),
                "None: every source that reports tasks showed a sign of life within the allowed silence.");
        html.append("<h3>Disruptions</h3>\n");
        table(html, "disruptions", List.of("Target", "Start", "End", "Minutes in month", "Cause", "Planned", "Note"),
                host.disruptions().windows().stream().map(w -> List.of(w.target(), time(w.start()),
                        w.open() ? openSince(w) : time(w.end()),
                        String.format(Locale.ROOT, "%.1f", w.durationMinutes()),
                        w.cause(), w.planned() ? "yes (" + w.changeRequestId() + ")" : "no",
                        w.failed() ? "failed task" : w.migration() ? "migration" : "")).toList(), "None.");
        html.append("<h3>Failed tasks</h3>\n");
        table(html, "failed-tasks", List.of("Finished", "Guest", "Task"), host.failedTasks().stream()
                .map(f -> List.of(time(f.occurredAt()), text(f.guest()), text(f.summary()))).toList(), "None.");
        html.append("<h3>Change requests</h3>\n");
        table(html, "change-requests", List.of("Id", "Title", "Target", "Status", "Planned", "Flags"),
                host.changeRequests().items().stream().map(r -> List.of(r.id(), r.title(), r.target(), r.status(),
                        time(r.plannedStart()) + " \u2013 " + time(r.plannedEnd()),
                        (r.selfApproved() ? "self-approved " : "") + (r.retroactive() ? "retroactive" : ""))).toList(),
                "None planned in this month.");
        html.append("<h3>Changes</h3>\n");
        table(html, "changes", List.of("When", "Class", "Target", "Actor", "What", "Change request"),
                changes.items().stream().map(c -> List.of(time(c.occurredAt()), c.eventClass(), c.target(),
                        text(c.actor()), text(c.summary()), c.changeRequestId() == null ? "unplanned"
                                : c.changeRequestId())).toList(), "None.");
        html.append("<h3>Trend</h3>\n");
        table(html, "trend", List.of("Month", "Changes", "Budget units", "Disruption minutes"), host.trend().stream()
                .map(t -> List.of(t.month(), Long.toString(t.changes()), Integer.toString(t.budgetUnits()),
                        String.format(Locale.ROOT, "%.1f", t.disruptionMinutes()))).toList(), "");
        html.append("</section>\n");
    }

    private static void table(StringBuilder html, String name, List<String> header, List<List<String>> rows,
                              String empty) {
        if (rows.isEmpty()) {
            html.append("<p class=\"empty ").append(name).append("\">").append(e(empty)).append("</p>\n");
            return;
        }
        html.append("<table class=\"").append(name).append("\"><thead><tr>");
        header.forEach(h -> html.append("<th>").append(e(h)).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(e(cell)).append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody></table>\n");
    }

    private static String row(String name, String figure, String value) {
        return "<tr><th>" + e(name) + "</th><td data-figure=\"" + figure + "\">" + e(value) + "</td></tr>";
    }

    /** An open window's end cell: "open since <start>, stopped by <user>". */
    static String openSince(StabilityReport.Window window) {
        return "open since " + window.openSince() + (window.stoppedBy() == null ? "" : ", stopped by "
                + window.stoppedBy());
    }

    private static String num(long value) {
        return "<td class=\"num\">" + value + "</td>";
    }

    private static String budget(Integer budget, String unit) {
        return budget == null ? " (no budget)" : " of " + budget + unit;
    }

    private static String days(Long days) {
        return days == null ? "none on record" : Long.toString(days);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Escapes text for HTML content and attribute values. */
    static String e(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
