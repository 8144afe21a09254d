package changeledger.report;

import changeledger.projection.ChangeCounts;
import java.util.List;
import java.util.Locale;

/** The report as Markdown: a heading per host, the verdict with its reasons, the evidence as tables. */
final class ReportMarkdown {

    private ReportMarkdown() {
    }

    static String render(StabilityReport report) {
        StringBuilder md = new StringBuilder(8_192);
        md.append("# Stability report ").append(report.month()).append("\n\n")
                .append("Time zone ").append(report.timeZone()).append(". Generated ").append(report.generatedAt())
                .append(report.partial() ? ". **Partial:** the month is still running." : ".").append("\n");
        for (StabilityReport.HostReport host : report.hosts()) {
            StabilityReport.Changes changes = host.changes();
            StabilityReport.Policy policy = host.policy();
            md.append("\n## ").append(cell(host.name())).append(" (").append(cell(host.hostId())).append(", ")
                    .append(cell(host.role())).append(")\n\n**Verdict: ").append(host.verdict().text()).append("**\n\n");
            host.reasons().forEach(reason -> md.append("- ").append(cell(reason)).append('\n'));
            md.append("\n| figure | value |\n|---|---|\n")
                    .append("| changes | ").append(changes.observed())
                    .append(" |\n| budget units | ").append(changes.budgetCount())
                    .append(policy.monthlyChangeBudget() == null ? " (no budget)" : " of " + policy.monthlyChangeBudget())
                    .append(" |\n| disruption minutes | ").append(minutes(host.disruptions().minutes()))
                    .append(policy.monthlyDisruptionMinutes() == null ? " (no budget)"
                            : " of " + policy.monthlyDisruptionMinutes())
                    .append(" |\n| disruptions | ").append(host.disruptions().count())
                    .append(" |\n| planned / unplanned changes | ").append(changes.planned()).append(" / ")
                    .append(changes.unplanned()).append(" |\n| failed tasks | ").append(host.failedTasks().size())
                    .append(" |\n| days since last change | ").append(days(host.daysSinceLastChange()))
                    .append(" |\n| days since last disruption | ").append(days(host.daysSinceLastDisruption()))
                    .append(" |\n");
            ChangeCounts c = changes.byClass();
            md.append("\n| change | disruptive | start | routine | access | unknown | manual |\n|---:|---:|---:|---:|---:|---:|---:|\n| ")
                    .append(c.change()).append(" | ").append(c.disruptive()).append(" | ").append(c.start()).append(" | ")
                    .append(c.routine()).append(" | ").append(c.access()).append(" | ").append(c.unknown()).append(" | ")
                    .append(c.manual()).append(" |\n");
            if (policy.requireChangeRequests()) {
                table(md, "Unplanned changes", List.of("when", "class", "guest", "actor", "what", "why"),
                        host.unplanned().stream().map(u -> List.of(String.valueOf(u.occurredAt()), u.eventClass(),
                                text(u.guest()), text(u.actor()), text(u.summary()), u.reason())).toList());
            }
            table(md, "Collection gaps", List.of("source", "from", "to"), host.gaps().stream()
                    .map(g -> List.of(g.source(), String.valueOf(g.from()),
                            g.to() == null ? "still open" : String.valueOf(g.to()))).toList());
            table(md, "Disruptions", List.of("target", "start", "end", "minutes in month", "cause", "planned"),
                    host.disruptions().windows().stream().map(w -> List.of(w.target(), String.valueOf(w.start()),
                            w.open() ? ReportHtml.openSince(w) : String.valueOf(w.end()),
                            minutes(w.durationMinutes()),
                            w.cause() + (w.failed() ? " (failed)" : ""),
                            w.planned() ? w.changeRequestId() : "no")).toList());
            table(md, "Failed tasks", List.of("finished", "guest", "task"), host.failedTasks().stream()
                    .map(f -> List.of(String.valueOf(f.occurredAt()), text(f.guest()), text(f.summary()))).toList());
            table(md, "Change requests", List.of("id", "title", "target", "status", "planned start", "planned end"),
                    host.changeRequests().items().stream().map(r -> List.of(r.id(), r.title()
                            + (r.selfApproved() ? " (self-approved)" : "") + (r.retroactive() ? " (retroactive)" : ""),
                            r.target(), r.status(), String.valueOf(r.plannedStart()), String.valueOf(r.plannedEnd())))
                            .toList());
            table(md, "Trend", List.of("month", "changes", "budget units", "disruption minutes"), host.trend().stream()
                    .map(t -> List.of(t.month(), Long.toString(t.changes()), Integer.toString(t.budgetUnits()),
                            minutes(t.disruptionMinutes()))).toList());
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, List<String> header, List<List<String>> rows) {
        md.append("\n### ").append(title).append("\n\n");
        if (rows.isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n|")
                .append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row.stream().map(ReportMarkdown::cell).toList())).append(" |\n");
        }
    }

    /**
     * Text from events made inert in Markdown: HTML characters as entities (renderers that allow raw HTML show them
     * as text), Markdown's link, emphasis and table characters escaped, line breaks flattened.
     */
    static String cell(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '|', '[', ']', '(', ')', '*', '_', '`', '!', '#' -> out.append('\\').append(c);
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes);
    }

    private static String days(Long days) {
        return days == null ? "none on record" : days.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
