package changeledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The harness's own arithmetic and option handling; no database, no timings. */
class BenchHarnessTest {

    @Nested
    class Summaries {

        @Test
        void givenOddRounds_whenSummarised_thenMedianIsTheMiddleOne() {
            Stats stats = Stats.of(List.of(30.0, 10.0, 20.0));

            assertThat(stats.median()).isEqualTo(20.0);
            assertThat(stats.min()).isEqualTo(10.0);
            assertThat(stats.max()).isEqualTo(30.0);
        }

        @Test
        void givenEvenRounds_whenSummarised_thenMedianIsTheMeanOfTheMiddleTwo() {
            assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
        }
    }

    @Nested
    class Options {

        @Test
        void givenQuick_thenNoDataSetExceedsOneHundredThousandEvents() {
            BenchOptions quick = BenchOptions.parse(new String[] {"--quick"}, Map.of());

            assertThat(List.of(quick.batchEvents(), quick.singleEvents(), quick.catchUpEvents(),
                    2 * quick.ingestLinesPerHost() * IngestBenchmark.HOSTS.length))
                    .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(100_000));
            assertThat(quick.rounds()).isEqualTo(3);
        }

        @Test
        void givenEnvironmentAndFlag_thenTheFlagWins() {
            BenchOptions options = BenchOptions.parse(new String[] {"--pg-user", "bench"},
                    Map.of("BENCH_PG_USER", "other", "BENCH_DB_NAME", "bench_x"));

            assertThat(options.user()).isEqualTo("bench");
            assertThat(options.databaseName()).isEqualTo("bench_x");
        }

        @Test
        void givenDatabaseNameThatIsNoPlainIdentifier_thenRefused() {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--db-name", "x; drop"}, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Urls {

        @Test
        void givenServerUrlWithParameters_whenNamingTheBenchDatabase_thenParametersAreKept() {
            assertThat(BenchDatabase.urlFor("jdbc:postgresql://db:5433/postgres?ssl=true", "changeledger_bench"))
                    .isEqualTo("jdbc:postgresql://db:5433/changeledger_bench?ssl=true");
        }

        @Test
        void givenServerUrlWithoutDatabase_whenNamingTheBenchDatabase_thenItIsAppended() {
            assertThat(BenchDatabase.urlFor("jdbc:postgresql://127.0.0.1:5432", "b"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:5432/b");
        }
    }

    @Nested
    class ServiceMetrics {

        @Test
        void givenPrometheusText_whenReadingHeap_thenHeapPoolsAreSummedAndNonHeapIgnored() {
            String metrics = """
                    # TYPE jvm_memory_used_bytes gauge
                    jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                    jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                    jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
                    jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 9.0E9
                    """;

            assertThat(ServiceProcess.heapUsed(metrics)).isEqualTo(10_485_760L + 2_097_152L);
        }

        @Test
        void givenNoHeapPools_whenReadingHeap_thenFailsInsteadOfPrintingZero() {
            assertThatThrownBy(() -> ServiceProcess.heapUsed("jvm_threads_live_threads 12.0\n"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class ServiceOptions {

        @Test
        void givenDeploymentFiles_thenTheServiceRunsWithTheSameJvmOptionsEverywhere() throws Exception {
            String dockerfile = Files.readString(Path.of("docker", "Dockerfile"));
            Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
            String unit = Files.readString(Path.of("docker", "changeledger.service"));
            Matcher execStart = Pattern.compile("ExecStart=/usr/bin/java (.*) -jar ").matcher(unit);

            assertThat(javaOpts.find()).isTrue();
            assertThat(execStart.find()).isTrue();
            assertThat(javaOpts.group(1)).isEqualTo(ServiceProcess.DEFAULT_JAVA_OPTS).isEqualTo(execStart.group(1))
                    .contains("-Xmx", "-XX:+ExitOnOutOfMemoryError");
        }
    }
}
