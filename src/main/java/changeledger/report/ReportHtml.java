package changeledger.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The report as one self-contained HTML page (template {@code report/page.html}): no scripts, no external resources,
 * inline SVG charts after each verdict, printable as it is. Qute escapes every value.
 */
final class ReportHtml {

    @CheckedTemplate(basePath = "report")
    static class Templates {
        static native TemplateInstance page(StabilityReport report, List<ReportSection> sections);
    }

    private ReportHtml() {
    }

    static String render(StabilityReport report) {
        return Templates.page(report, report.hosts().stream().map(h -> ReportSection.html(report, h)).toList())
                .render();
    }
}
