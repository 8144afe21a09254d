package changeledger.report;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The report as Markdown (template {@code report/markdown.md}): a heading per host, the verdict with its reasons,
 * the evidence as tables; text from events goes through {@code fmt:cell}, which makes it inert.
 */
final class ReportMarkdown {

    @CheckedTemplate(basePath = "report")
    static class Templates {
        static native TemplateInstance markdown(StabilityReport report, List<ReportSection> sections);
    }

    private ReportMarkdown() {
    }

    static String render(StabilityReport report) {
        return Templates.markdown(report, report.hosts().stream().map(ReportSection::markdown).toList()).render();
    }
}
