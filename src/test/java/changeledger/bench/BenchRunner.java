package changeledger.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a benchmark: load once, then warm-up and timed rounds in which every path runs once, in an order
 * that rotates each round so no path always runs first or last.
 */
public final class BenchRunner {

    private final BenchOptions options;
    private long serviceRssMaxKib = -1;
    private long serviceHwmKib = -1;

    /** A runner with the options' warm-ups and rounds. */
    public BenchRunner(BenchOptions options) {
        this.options = options;
    }

    /** What one benchmark measured. */
    public record Result(Benchmark benchmark, Map<MeasuredPath, Stats> paths, List<FigureResult> figures,
                         List<RatioResult> ratios, double loadSeconds) {
    }

    /** A path's figure over the timed rounds (see {@link MeasuredPath#lastRunFigures()}). */
    public record FigureResult(MeasuredPath.Figure figure, Stats stats) {
    }

    /** A ratio of medians, with the range of the same ratio taken round by round. */
    public record RatioResult(Benchmark.Ratio ratio, double value, double roundMin, double roundMax) {
    }

    /**
     * Loads, warms up and measures one benchmark; closes it afterwards, also when a round fails (a failure to close
     * then travels as a suppressed exception of the round's).
     */
    public Result run(Benchmark benchmark, BenchDatabase database) throws Exception {
        Result result;
        try {
            result = measure(benchmark, database);
        } catch (Exception failure) {
            try {
                benchmark.close();
            } catch (Exception closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
        benchmark.close();
        return result;
    }

    private Result measure(Benchmark benchmark, BenchDatabase database) throws Exception {
        long loadStart = System.nanoTime();
        log("%s: loading", benchmark.name());
        benchmark.load(database);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        List<MeasuredPath> paths = benchmark.paths();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        paths.forEach(p -> rates.put(p.name(), new ArrayList<>()));
        Map<String, MeasuredPath.Figure> figureKinds = new LinkedHashMap<>();
        Map<String, List<Double>> figureValues = new LinkedHashMap<>();
        Map<String, String> figureOwners = new LinkedHashMap<>();
        int total = options.warmups() + options.rounds();
        for (int round = 0; round < total; round++) {
            boolean warmup = round < options.warmups();
            for (int i = 0; i < paths.size(); i++) {
                MeasuredPath path = paths.get((i + round) % paths.size());
                path.prepare();
                long start = System.nanoTime();
                long handled = path.run();
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = handled / seconds;
                sampleService();
                log("%s round %d/%d%s: %s %,.0f %s (%,d in %.2f s)", benchmark.name(), round + 1, total,
                        warmup ? " (warm-up)" : "", path.name(), rate, path.unit(), handled, seconds);
                for (MeasuredPath.Figure figure : path.lastRunFigures()) {
                    log("%s round %d/%d%s: %s %,.2f %s", benchmark.name(), round + 1, total, warmup ? " (warm-up)" : "",
                            figure.name(), figure.value(), figure.unit());
                    if (!warmup) {
                        figureKinds.putIfAbsent(figure.name(), figure);
                        figureOwners.putIfAbsent(figure.name(), path.name());
                        figureValues.computeIfAbsent(figure.name(), k -> new ArrayList<>()).add(figure.value());
                    }
                }
                if (!warmup) {
                    rates.get(path.name()).add(rate);
                }
            }
        }
        Map<MeasuredPath, Stats> stats = new LinkedHashMap<>();
        paths.forEach(p -> stats.put(p, Stats.of(rates.get(p.name()))));
        List<FigureResult> figures = new ArrayList<>();
        for (MeasuredPath path : paths) {
            figureOwners.forEach((name, owner) -> {
                if (owner.equals(path.name())) {
                    figures.add(new FigureResult(figureKinds.get(name), Stats.of(figureValues.get(name))));
                }
            });
        }
        List<RatioResult> ratios = new ArrayList<>();
        for (Benchmark.Ratio ratio : benchmark.ratios()) {
            List<Double> top = rates.get(ratio.numerator());
            List<Double> bottom = rates.get(ratio.denominator());
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int r = 0; r < top.size(); r++) {
                double value = top.get(r) / bottom.get(r);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            ratios.add(new RatioResult(ratio, Stats.of(top).median() / Stats.of(bottom).median(), min, max));
        }
        return new Result(benchmark, stats, figures, ratios, loadSeconds);
    }

    /** Largest VmRSS seen after any path, when a service pid was given and readable. */
    public Optional<Long> serviceRssMaxKib() {
        return serviceRssMaxKib < 0 ? Optional.empty() : Optional.of(serviceRssMaxKib);
    }

    /** The service's VmHWM at the last sample, when a service pid was given and readable. */
    public Optional<Long> serviceHwmKib() {
        return serviceHwmKib < 0 ? Optional.empty() : Optional.of(serviceHwmKib);
    }

    private void sampleService() {
        if (options.servicePid() <= 0) {
            return;
        }
        ProcessMemory.of(options.servicePid()).ifPresent(m -> {
            serviceRssMaxKib = Math.max(serviceRssMaxKib, m.rssKib());
            serviceHwmKib = m.hwmKib();
        });
    }

    static void log(String format, Object... args) {
        System.err.printf("# " + format + "%n", args);
    }
}
