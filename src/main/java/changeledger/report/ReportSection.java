package changeledger.report;

import java.util.List;

/**
 * One host's section of the HTML or Markdown report, as its template lays it out: the host's part of the report
 * model with its figures, tables and charts made from it.
 *
 * @param host         the host's part of the report
 * @param verdictClass the CSS class of the verdict
 * @param figures      the figures
 * @param byClass      the counts by class, in the order change, disruptive, start, routine, access, unknown, manual,
 *                     incident
 * @param tables       the evidence tables
 * @param charts       the charts (HTML only)
 */
public record ReportSection(StabilityReport.HostReport host, String verdictClass, List<Figure> figures,
                            List<Long> byClass, List<Table> tables, ReportCharts charts) {

    /**
     * A table.
     *
     * @param name   its CSS class (HTML)
     * @param title  its heading
     * @param header the column names
     * @param rows   the rows
     * @param empty  what to say when there is no row
     */
    public record Table(String name, String title, List<String> header, List<List<String>> rows, String empty) {
    }

    /**
     * A figure.
     *
     * @param name   its name in the HTML
     * @param figure its {@code data-figure}
     * @param value  its value
     */
    public record Figure(String name, String figure, String value) {
    }

    static ReportSection html(StabilityReport report, StabilityReport.HostReport host) {
        return new ReportSection(host, host.verdict().text().replace(' ', '-'), ReportTables.figures(host),
                ReportTables.byClass(host.changes().byClass()), ReportTables.html(host), ReportCharts.of(report, host));
    }

    static ReportSection markdown(StabilityReport.HostReport host) {
        return new ReportSection(host, null, List.of(), ReportTables.byClass(host.changes().byClass()),
                ReportTables.markdown(host), null);
    }
}
