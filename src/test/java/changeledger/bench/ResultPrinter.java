package changeledger.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints the human table, then the machine-readable {@code bench:} and {@code ratio:} lines. */
public final class ResultPrinter {

    private static final Map<String, Double> TARGETS = Map.of("append_batch_vs_jdbc", 0.9,
            "append_single_vs_jdbc", 0.9, "ingest_vs_copy", 0.5, "catchup_vs_seqscan", 0.8, "query_last7_vs_sql", 0.5);

    /**
     * The service's memory budget (issue 6, item 7: "RSS at most 300 MB"), read as a container limit of
     * {@code 300m} is read: 300 MiB, 307,200 KiB of VmRSS.
     */
    static final double RSS_BUDGET_KIB = 300 * 1024;

    /**
     * Upper limits on figures: p99 of the event query and of the stats (issue 6, item 5), the report's time as JSON
     * and as HTML (item 6), p99 of the dashboard's home page (issue 20), the service's RSS after each phase, at the
     * ingestion peak and during an export (item 7, {@link #RSS_BUDGET_KIB}) and its growth during the export ("flat":
     * at most a tenth of that budget). Latency is judged on the median round, memory on the highest round.
     */
    static final Map<String, Double> LIMITS = Map.ofEntries(Map.entry("query_events_p99", 20.0),
            Map.entry("stats_p99", 20.0), Map.entry("report_json_ms", 300.0), Map.entry("report_html_ms", 300.0),
            Map.entry("dashboard_home_p99", 100.0),
            Map.entry("service_rss_peak", RSS_BUDGET_KIB), Map.entry("query_events_rss", RSS_BUDGET_KIB),
            Map.entry("stats_rss", RSS_BUDGET_KIB), Map.entry("report_json_rss", RSS_BUDGET_KIB),
            Map.entry("report_html_rss", RSS_BUDGET_KIB), Map.entry("export_rss", RSS_BUDGET_KIB),
            Map.entry("export_rss_peak", RSS_BUDGET_KIB), Map.entry("export_rss_growth", RSS_BUDGET_KIB / 10));

    private final PrintStream out;

    /** Prints to {@code out}. */
    public ResultPrinter(PrintStream out) {
        this.out = out;
    }

    /** The run's context: machine, server, settings and how many rounds. */
    public void header(List<String> lines) {
        out.println("changeledger benchmarks");
        lines.forEach(line -> out.println("  " + line));
        out.println();
    }

    /** The table, then the machine lines, then what was not measured and why. */
    public void print(List<BenchRunner.Result> results, List<String> notMeasured, BenchRunner runner) {
        out.printf("%-28s %12s %12s %12s  %-9s %s%n", "path", "median", "min", "max", "unit", "what");
        for (BenchRunner.Result result : results) {
            out.printf("%s: %s (loaded in %.1f s)%n", result.benchmark().name(), result.benchmark().description(),
                    result.loadSeconds());
            result.paths().forEach((path, stats) -> out.printf("  %-26s %,12.0f %,12.0f %,12.0f  %-9s %s%n",
                    path.name(), stats.median(), stats.min(), stats.max(), path.unit(), path.label()));
            result.figures().forEach(f -> out.printf("  %-26s %12s %12s %12s  %-9s %s%n", f.figure().name(),
                    table(f.stats().median(), f.figure().unit()), table(f.stats().min(), f.figure().unit()),
                    table(f.stats().max(), f.figure().unit()), f.figure().unit(), f.figure().label()));
            result.benchmark().extras().forEach(extra -> out.printf("  %-26s %,12d %12s %12s  %-9s %s%n",
                    extra.name(), extra.value(), "", "", extra.unit(), extra.label()));
        }
        out.println();
        out.printf("%-28s %8s  %s%n", "ratio (project / reference)", "value", "rounds min-max, target");
        for (BenchRunner.Result result : results) {
            for (BenchRunner.RatioResult ratio : result.ratios()) {
                Double target = TARGETS.get(ratio.ratio().name());
                String verdict = target == null ? "" : String.format(", target >= %.2f: %s", target,
                        ratio.value() >= target ? "met" : "NOT met");
                out.printf("  %-26s %8.3f  %.3f-%.3f%s%n", ratio.ratio().name(), ratio.value(), ratio.roundMin(),
                        ratio.roundMax(), verdict);
            }
        }
        for (BenchRunner.Result result : results) {
            for (BenchRunner.FigureResult figure : result.figures()) {
                Double limit = LIMITS.get(figure.figure().name());
                if (limit != null) {
                    String unit = figure.figure().unit();
                    boolean memory = !unit.equals("ms");
                    double judged = memory ? figure.stats().max() : figure.stats().median();
                    out.printf("  %-26s %8s  %s-%s %s, target <= %s %s (%s): %s%n", figure.figure().name(),
                            table(figure.stats().median(), unit), table(figure.stats().min(), unit),
                            table(figure.stats().max(), unit), unit, table(limit, unit), unit,
                            memory ? "highest round" : "median", verdict(judged, limit));
                }
            }
        }
        for (BenchRunner.Result result : results) {
            for (Benchmark.Extra extra : result.benchmark().extras()) {
                Double limit = LIMITS.get(extra.name());
                if (limit != null) {
                    out.printf("  %-26s %8s  %s, target <= %s %s: %s%n", extra.name(), table(extra.value(), extra.unit()),
                            extra.unit(), table(limit, extra.unit()), extra.unit(), verdict(extra.value(), limit));
                }
            }
        }
        notMeasured.forEach(line -> out.println("  not measured: " + line));
        results.forEach(r -> r.benchmark().notMeasured().forEach(line -> out.println("  not measured: " + line)));
        out.println();
        for (BenchRunner.Result result : results) {
            result.paths().forEach((path, stats) -> out.printf("bench: %s %.0f %s%n", path.name(), stats.median(),
                    path.unit()));
            result.figures().forEach(f -> out.printf("bench: %s %s %s%n", f.figure().name(),
                    machine(f.stats().median(), f.figure().unit()), f.figure().unit()));
            result.benchmark().extras().forEach(extra -> out.printf("bench: %s %d %s%n", extra.name(), extra.value(),
                    extra.unit()));
        }
        runner.serviceRssMaxKib().ifPresent(kib -> out.printf("bench: service_rss_max %d KiB%n", kib));
        runner.serviceHwmKib().ifPresent(kib -> out.printf("bench: service_rss_hwm %d KiB%n", kib));
        for (BenchRunner.Result result : results) {
            result.ratios().forEach(r -> out.printf("ratio: %s %.3f%n", r.ratio().name(), r.value()));
        }
    }

    /** Whether a median within an upper limit meets it. */
    static String verdict(double median, double limit) {
        return median <= limit ? "met" : "NOT met";
    }

    /** A figure for the table: milliseconds with two decimals, everything else whole and grouped. */
    static String table(double value, String unit) {
        return unit.equals("ms") ? String.format("%,.2f", value) : String.format("%,.0f", value);
    }

    /** A figure for a {@code bench:} line: no grouping; milliseconds with two decimals. */
    static String machine(double value, String unit) {
        return unit.equals("ms") ? String.format("%.2f", value) : String.format("%.0f", value);
    }
}
