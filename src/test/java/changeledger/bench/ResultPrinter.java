package changeledger.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints the human table, then the machine-readable {@code bench:} and {@code ratio:} lines. */
public final class ResultPrinter {

    private static final Map<String, Double> TARGETS = Map.of("append_batch_vs_jdbc", 0.9,
            "append_single_vs_jdbc", 0.9, "ingest_vs_copy", 0.5, "catchup_vs_seqscan", 0.8);

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
        notMeasured.forEach(line -> out.println("  not measured: " + line));
        results.forEach(r -> r.benchmark().notMeasured().forEach(line -> out.println("  not measured: " + line)));
        out.println();
        for (BenchRunner.Result result : results) {
            result.paths().forEach((path, stats) -> out.printf("bench: %s %.0f %s%n", path.name(), stats.median(),
                    path.unit()));
            result.benchmark().extras().forEach(extra -> out.printf("bench: %s %d %s%n", extra.name(), extra.value(),
                    extra.unit()));
        }
        runner.serviceRssMaxKib().ifPresent(kib -> out.printf("bench: service_rss_max %d KiB%n", kib));
        runner.serviceHwmKib().ifPresent(kib -> out.printf("bench: service_rss_hwm %d KiB%n", kib));
        for (BenchRunner.Result result : results) {
            result.ratios().forEach(r -> out.printf("ratio: %s %.3f%n", r.ratio().name(), r.value()));
        }
    }
}
