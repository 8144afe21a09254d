package changeledger.report;

import io.quarkus.qute.TemplateExtension;

/** Formatting for the report templates, as {@code fmt:} functions. */
@TemplateExtension(namespace = "fmt")
final class ReportFormat {

    private ReportFormat() {
    }

    /** Minutes to one decimal. */
    static String minutes(double minutes) {
        return ReportTables.minutes(minutes);
    }

    /** Days, or "none on record". */
    static String days(Long days) {
        return ReportTables.days(days);
    }

    /** " of N" or " (no budget)". */
    static String budget(Integer budget) {
        return ReportTables.budget(budget, "");
    }

    /**
     * Text from events made inert in Markdown: HTML characters as entities (renderers that allow raw HTML show them
     * as text), Markdown's link, emphasis and table characters escaped, line breaks flattened.
     */
    static String cell(Object value) {
        String text = value == null ? "" : value.toString();
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
}
