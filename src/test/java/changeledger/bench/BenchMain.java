package changeledger.bench;

import changeledger.eventstore.EventRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Entry point of {@code bench/run.sh}: creates the bench database, runs every benchmark, prints the results. */
public final class BenchMain {

    /** The benchmarks that run on the ingestion benchmark's service, over the data set it uploads. */
    static final List<String> READS = List.of("query", "stats", "report", "export", "dashboard", "config_sync",
            "stream");

    /** The mapper the store is given, as the service configures it for payloads. */
    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private BenchMain() {
    }

    /** Runs the benchmarks; see {@code bench/run.sh --help} for the options. */
    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv());
        EventRepository repository = new EventRepository(MAPPER);
        // ingestion uploads the read benchmarks' data set on their service; the query, stats, report and export
        // benchmarks load the rest of it (all of it when ingestion does not run), whichever of them runs first
        QueryFixture queryData = new QueryFixture(options.queryEvents(), options.reportLines());
        List<Benchmark> benchmarks = List.of(
                new AppendBatchBenchmark(repository, options.batchEvents()),
                new AppendSingleBenchmark(repository, options.singleEvents()),
                new CatchUpBenchmark(repository, options.catchUpEvents()),
                new IngestBenchmark(queryData, 1 + options.warmups() + options.rounds(),
                        READS.stream().anyMatch(options::selected)),
                new QueryBenchmark(queryData, options.queryRequests()),
                new StatsBenchmark(queryData, options.statsRequests()),
                new ReportBenchmark(queryData, options.reportRequests()),
                new ExportBenchmark(queryData),
                // the newer ones last, so the older ones measure the service in the state they always did; the last
                // two write events of hosts of their own, so they run after every read of the data set
                new DashboardBenchmark(queryData, options.dashboardRequests()),
                new ConfigSyncBenchmark(queryData, options.configSyncs()),
                new StreamBenchmark(queryData, options.streamLines()));
        List<String> names = benchmarks.stream().map(Benchmark::name).toList();
        List<String> unknown = options.only().stream().filter(n -> !names.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("--only: unknown benchmark " + unknown + "; known: " + names);
        }
        List<String> notMeasured = new ArrayList<>();
        BenchRunner runner = new BenchRunner(options);
        ResultPrinter printer = new ResultPrinter(System.out);
        try (BenchDatabase database = BenchDatabase.create(options); queryData) {
            printer.header(context(options, database));
            List<BenchRunner.Result> results = new ArrayList<>();
            for (Benchmark benchmark : benchmarks) {
                if (!options.selected(benchmark.name())) {
                    continue;
                }
                if (benchmark.available()) {
                    long started = System.nanoTime();
                    results.add(runner.run(benchmark, database));
                    BenchRunner.log("%s: done in %.1f s (with its load)", benchmark.name(),
                            (System.nanoTime() - started) / 1e9);
                } else {
                    benchmark.ratios().forEach(r -> notMeasured.add(r.name() + " (" + benchmark.skipReason() + ")"));
                }
            }
            printer.print(results, notMeasured, runner);
        }
    }

    private static List<String> context(BenchOptions options, BenchDatabase database) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("date: " + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
        lines.add(String.format("machine: %d cpus (%s), %s memory, %s %s, Java %s",
                Runtime.getRuntime().availableProcessors(), procLine("/proc/cpuinfo", "model name"),
                gib(procLine("/proc/meminfo", "MemTotal")), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version")));
        StringBuilder server = new StringBuilder("postgresql:");
        database.serverFacts().forEach((key, value) -> server.append(' ').append(key).append('=').append(value));
        lines.add(server.toString());
        lines.add(String.format("mode: %s, %d warm-up and %d timed rounds per benchmark, database %s",
                options.quick() ? "quick" : "full", options.warmups(), options.rounds(), options.databaseName()));
        return lines;
    }

    private static String gib(String kib) {
        try {
            return String.format("%.1f GiB", Long.parseLong(kib.replace(" kB", "")) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kib;
        }
    }

    private static String procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
