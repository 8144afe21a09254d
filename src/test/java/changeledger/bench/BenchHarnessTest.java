package changeledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.projection.ChangeCounts;
import changeledger.projection.IndexRanges;
import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
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
                    quick.queryEvents() + 2 * quick.reportLines()))
                    .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(100_000));
            assertThat(quick.rounds()).isEqualTo(3);
        }

        @Test
        void givenNoRoundOptions_thenOneWarmUpAndThreeTimedRoundsInEitherMode() {
            for (String[] args : List.of(new String[0], new String[] {"--quick"})) {
                BenchOptions options = BenchOptions.parse(args, Map.of());

                assertThat(options.warmups()).isEqualTo(1);
                assertThat(options.rounds()).isEqualTo(3);
            }
            assertThat(BenchOptions.parse(new String[] {"--rounds", "5"}, Map.of()).rounds()).isEqualTo(5);
        }

        @Test
        void givenQueryEvents_thenTheQueryDataSetHasThatSizeAndOddOrTinySizesAreRefused() {
            assertThat(BenchOptions.parse(new String[] {"--query-events", "300000"}, Map.of()).queryEvents())
                    .isEqualTo(300_000);
            assertThat(BenchOptions.parse(new String[0], Map.of()).queryEvents()).isEqualTo(1_000_000);
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--query-events", "300001"}, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--query-events", "1000"}, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
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

    @Nested
    class Percentiles {

        @Test
        void givenOneHundredLatencies_whenSummarised_thenNearestRankPercentilesAndMax() {
            long[] nanos = new long[100];
            for (int i = 0; i < 100; i++) {
                nanos[i] = (100 - i) * 1_000_000L; // 100 ms down to 1 ms, unsorted on purpose
            }

            Latencies latencies = Latencies.ofNanos(nanos);

            assertThat(latencies.count()).isEqualTo(100);
            assertThat(latencies.p50Ms()).isEqualTo(50.0);
            assertThat(latencies.p99Ms()).isEqualTo(99.0);
            assertThat(latencies.maxMs()).isEqualTo(100.0);
        }

        @Test
        void givenFewLatencies_whenSummarised_thenP99IsTheSlowestNotAnInterpolation() {
            Latencies latencies = Latencies.ofNanos(new long[] {3_000_000L, 1_000_000L, 2_000_000L});

            assertThat(latencies.p50Ms()).isEqualTo(2.0);
            assertThat(latencies.p99Ms()).isEqualTo(3.0);
        }

        @Test
        void givenNoLatencies_thenRefused() {
            assertThatThrownBy(() -> Latencies.ofNanos(new long[0])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class EventFilters {

        private final EventFilter march = EventFilter.month("bench-infra", "ProxmoxTaskFinished", YearMonth.of(2026, 3));

        @Test
        void givenMonthFilter_thenQueryNamesHostTypeAndTheMonthAsInstants() {
            assertThat(march.query(42L, 100)).isEqualTo("host=bench-infra&type=ProxmoxTaskFinished"
                    + "&from=2026-03-01T00%3A00%3A00Z&to=2026-04-01T00%3A00%3A00Z&after=42&limit=100");
            assertThat(EventFilter.host("bench-lab").query(null, null)).isEqualTo("host=bench-lab");
        }

        @Test
        void givenARangeAcrossMonths_thenItRunsFromTheSixteenthToTheSixteenthAndTouchesTwoMonths() {
            EventFilter across = EventFilter.acrossMonths("bench-lab", "ProxmoxTaskStarted", YearMonth.of(2025, 12));

            assertThat(across.from()).isEqualTo(Instant.parse("2025-12-16T00:00:00Z"));
            assertThat(across.to()).isEqualTo(Instant.parse("2026-01-16T00:00:00Z"));
            assertThat(across.matches("bench-lab", "ProxmoxTaskStarted", Instant.parse("2025-12-15T23:59:59Z")))
                    .isFalse();
            assertThat(across.matches("bench-lab", "ProxmoxTaskStarted", Instant.parse("2026-01-15T23:59:59Z")))
                    .isTrue();
            assertThat(QueryBenchmark.ranges(across.from(), across.to())).hasSize(16 + 15)
                    .allMatch(IndexRanges.Range::day)
                    .startsWith(new IndexRanges.Range(true, LocalDate.of(2025, 12, 16)))
                    .endsWith(new IndexRanges.Range(true, LocalDate.of(2026, 1, 15)));
        }

        @Test
        void givenBounds_thenFromIsInclusiveAndToExclusive() {
            assertThat(march.matches("bench-infra", "ProxmoxTaskFinished", Instant.parse("2026-03-01T00:00:00Z")))
                    .isTrue();
            assertThat(march.matches("bench-infra", "ProxmoxTaskFinished", Instant.parse("2026-04-01T00:00:00Z")))
                    .isFalse();
            assertThat(march.matches("bench-infra", "ProxmoxTaskFinished", Instant.parse("2026-02-28T23:59:59Z")))
                    .isFalse();
        }

        @Test
        void givenItemOfAnotherHostTypeOrTime_thenEachIsAViolation() {
            assertThat(march.violation(item(7, "bench-infra", "ProxmoxTaskFinished", "2026-03-10T10:00:00Z"))).isNull();
            assertThat(march.violation(item(7, "bench-lab", "ProxmoxTaskFinished", "2026-03-10T10:00:00Z")))
                    .contains("outside");
            assertThat(march.violation(item(7, "bench-infra", "ProxmoxTaskStarted", "2026-03-10T10:00:00Z")))
                    .contains("outside");
            assertThat(march.violation(item(7, "bench-infra", "ProxmoxTaskFinished", "2026-04-01T00:00:00Z")))
                    .contains("outside");
            assertThat(march.violation(JsonNodeFactory.instance.objectNode().put("position", 1))).contains("without");
        }

        @Test
        void givenFullFirstPageWithNext_whenMoreMatch_thenRight() {
            assertThat(march.checkPage(page(1, 3, 3L), null, 3, 10)).isEmpty();
        }

        @Test
        void givenLastPage_whenNothingMoreMatches_thenRightWithoutNext() {
            assertThat(march.checkPage(page(8, 2, null), 7L, 3, 2)).isEmpty();
        }

        @Test
        void givenShortPage_whenMoreMatch_thenWrong() {
            assertThat(march.checkPage(page(1, 2, 2L), null, 3, 10)).anyMatch(p -> p.contains("expected 3"));
        }

        @Test
        void givenNoNext_whenMoreMatch_thenWrong() {
            assertThat(march.checkPage(page(1, 3, null), null, 3, 10)).anyMatch(p -> p.contains("no next"));
        }

        @Test
        void givenNextOnTheLastPage_thenWrong() {
            assertThat(march.checkPage(page(1, 2, 2L), null, 3, 2)).anyMatch(p -> p.contains("last page"));
        }

        @Test
        void givenNextThatIsNotTheLastPosition_thenWrong() {
            assertThat(march.checkPage(page(1, 3, 99L), null, 3, 10)).anyMatch(p -> p.contains("not the last"));
        }

        @Test
        void givenItemsAtOrBeforeTheCursor_thenWrong() {
            assertThat(march.checkPage(page(5, 3, 7L), 5L, 3, 10)).anyMatch(p -> p.contains("does not follow"));
        }

        @Test
        void givenAForeignItem_thenWrong() {
            ObjectNode page = page(1, 3, 3L);
            ((ObjectNode) page.path("items").get(1)).put("hostId", "bench-lab");

            assertThat(march.checkPage(page, null, 3, 10)).anyMatch(p -> p.contains("outside"));
        }

        private ObjectNode page(long firstPosition, int size, Long next) {
            ObjectNode page = JsonNodeFactory.instance.objectNode();
            ArrayNode items = page.putArray("items");
            for (int i = 0; i < size; i++) {
                items.add(item(firstPosition + i, "bench-infra", "ProxmoxTaskFinished", "2026-03-10T10:00:00Z"));
            }
            if (next != null) {
                page.put("next", next);
            }
            return page;
        }

        private ObjectNode item(long position, String host, String type, String occurredAt) {
            return JsonNodeFactory.instance.objectNode().put("position", position).put("hostId", host)
                    .put("type", type).put("occurredAt", occurredAt);
        }
    }

    @Nested
    class QueryData {

        @Test
        void givenProcessorList_whenEventIndexListedAndNoLag_thenCaughtUp() throws Exception {
            assertThat(QueryFixture.caughtUp(json("""
                    [{"name":"seal-chain","lagEvents":0},{"name":"event-index","lagEvents":0}]"""))).isTrue();
            assertThat(QueryFixture.caughtUp(json("""
                    [{"name":"seal-chain","lagEvents":0},{"name":"event-index","lagEvents":12}]"""))).isFalse();
            assertThat(QueryFixture.caughtUp(json("""
                    [{"name":"seal-chain","lagEvents":3},{"name":"event-index","lagEvents":0}]"""))).isFalse();
            assertThat(QueryFixture.caughtUp(json("""
                    [{"name":"seal-chain","lagEvents":0}]"""))).isFalse();
        }

        @Test
        void givenAYearForAHostsTasks_whenSpreading_thenTheLastTaskStartsNearTheYearsEnd() {
            int tasks = 20_000;
            Instant start = Instant.parse("2025-11-01T00:00:00Z");
            TaskLineGenerator generator = new TaskLineGenerator("pve-x", 5, start,
                    TaskLineGenerator.gapSpreadFor(tasks, Duration.ofDays(365)));

            List<String> lines = generator.indexLines(tasks);
            String last = lines.get(lines.size() - 1).split(":")[4];
            Instant lastStart = Instant.ofEpochSecond(Long.parseLong(last, 16));

            assertThat(lastStart).isBetween(start.plus(Duration.ofDays(350)), start.plus(Duration.ofDays(380)));
        }

        @Test
        void givenTheQuickMode_thenTheQueryDataSetStaysWithinOneHundredThousandEvents() {
            BenchOptions quick = BenchOptions.parse(new String[] {"--quick"}, Map.of());
            QueryFixture data = new QueryFixture(quick.queryEvents(), quick.reportLines());

            assertThat(quick.queryEvents() + 2L * quick.reportLines()).isLessThanOrEqualTo(100_000);
            assertThat(2L * (data.lines(QueryFixture.INFRA) + data.lines(QueryFixture.LAB)))
                    .isEqualTo(quick.queryEvents());
        }

        @Test
        void givenTheIngestionUploads_thenTheyAndTheRestHoldEveryLineOfTheYearOnceInTimeOrder() {
            QueryFixture data = new QueryFixture(300_000, 0);
            List<QueryFixture.Upload> uploads = new ArrayList<>();
            for (int u = 0; u < 5; u++) {
                List<QueryFixture.Upload> round = data.nextUploads(5);
                assertThat(round).extracting(QueryFixture.Upload::lines).containsExactly(
                        data.lines(QueryFixture.INFRA) / 5, data.lines(QueryFixture.LAB) / 5);
                uploads.addAll(round);
            }
            List<QueryFixture.Upload> rest = data.rest();
            uploads.addAll(rest);

            for (String host : List.of(QueryFixture.INFRA, QueryFixture.LAB)) {
                List<String> lines = uploads.stream().filter(u -> u.host().equals(host))
                        .flatMap(u -> u.body().lines()).toList();
                List<Long> starts = lines.stream().map(l -> Long.parseLong(l.split(":")[4], 16)).toList();
                assertThat(lines).hasSize(data.lines(host)).doesNotHaveDuplicates();
                assertThat(starts).isSorted();
            }
            assertThat(rest).allSatisfy(u -> assertThat(u.lines()).isLessThanOrEqualTo(50_000));
            assertThatThrownBy(() -> data.nextUploads(5)).isInstanceOf(IllegalStateException.class);
            assertThat(data.rest()).isEmpty();
        }

        @Test
        void givenNoIngestion_thenTheRestIsTheWholeYearInUploadsOfAtMostFiftyThousandLines() {
            QueryFixture data = new QueryFixture(1_000_000, 0);

            List<QueryFixture.Upload> rest = data.rest();

            assertThat(rest).allSatisfy(u -> assertThat(u.lines()).isBetween(1, 50_000));
            assertThat(rest.stream().mapToLong(u -> 2L * u.lines()).sum()).isEqualTo(1_000_000);
        }

        @Test
        void givenTheReportHost_whenGenerated_thenEveryTaskStartsAndEndsInsideItsMonth() {
            List<String> lines = QueryFixture.reportGenerator(QueryFixture.REPORT_LINES)
                    .indexLines(QueryFixture.REPORT_LINES);
            Instant monthStart = QueryFixture.REPORT_MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant monthEnd = QueryFixture.REPORT_MONTH.plusMonths(1).atDay(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            Instant firstStart = Instant.ofEpochSecond(Long.parseLong(lines.get(0).split(":")[4], 16));
            String[] last = lines.get(lines.size() - 1).split(" ");
            Instant lastStart = Instant.ofEpochSecond(Long.parseLong(last[0].split(":")[4], 16));
            Instant lastEnd = Instant.ofEpochSecond(Long.parseLong(last[1], 16));

            assertThat(2 * lines.size()).isEqualTo(30_000);
            assertThat(firstStart).isAfter(monthStart);
            assertThat(lastStart).isAfter(monthEnd.minus(Duration.ofDays(3)));
            assertThat(lastEnd).isBefore(monthEnd);
        }

        private JsonNode json(String text) throws Exception {
            return BenchMain.MAPPER.readTree(text);
        }
    }

    @Nested
    class QueryReference {

        @Test
        void givenAMonthFilter_thenOneMonthIsRead() {
            assertThat(QueryBenchmark.ranges(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z")))
                    .containsExactly(new IndexRanges.Range(false, LocalDate.of(2026, 3, 1)));
        }

        @Test
        void givenARangeAcrossAYearEnd_thenItsPartialMonthsAreReadByDayAndTheWholeOneByMonth() {
            assertThat(QueryBenchmark.ranges(Instant.parse("2025-11-30T23:00:00Z"), Instant.parse("2026-01-01T00:00:01Z")))
                    .containsExactly(new IndexRanges.Range(true, LocalDate.of(2025, 11, 30)),
                            new IndexRanges.Range(false, LocalDate.of(2025, 12, 1)),
                            new IndexRanges.Range(true, LocalDate.of(2026, 1, 1)));
        }

        @Test
        void givenThreeRanges_thenThePageSqlMergesThreeArmsWithOneParameterSetEach() {
            String sql = QueryBenchmark.pageSql(List.of(new IndexRanges.Range(true, LocalDate.of(2026, 2, 28)),
                    new IndexRanges.Range(false, LocalDate.of(2026, 3, 1)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 4, 1))), true);

            assertThat(sql.split("union all", -1)).hasSize(3);
            assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(1 + 3 * 7 + 1);
            assertThat(sql).contains("i.occurred_month").contains("i.occurred_day")
                    .contains(") by_range order by tx_id, position limit ?");
            assertThatThrownBy(() -> QueryBenchmark.pageSql(List.of(), true))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givenTheLastDaysOfTheDataSet_thenEveryTypeOfItsSevenDaysIsReadByDayWithoutATypeParameter() {
            EventFilter filter = EventFilter.lastDays("h", QueryFixture.end(), QueryFixture.LAST_DAYS);
            List<IndexRanges.Range> ranges = QueryBenchmark.ranges(filter.from(), filter.to());

            assertThat(filter.query(null, 100)).isEqualTo("host=h&from=2026-10-25T00%3A00%3A00Z"
                    + "&to=2026-11-01T00%3A00%3A00Z&limit=100");
            assertThat(ranges).containsExactly(new IndexRanges.Range(true, LocalDate.of(2026, 10, 25)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 10, 26)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 10, 27)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 10, 28)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 10, 29)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 10, 30)),
                    new IndexRanges.Range(true, LocalDate.of(2026, 10, 31)));
            String sql = QueryBenchmark.pageSql(ranges, false);
            assertThat(sql).doesNotContain("i.event_type");
            assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(1 + 7 * 6 + 1);
        }
    }

    @Nested
    class StatsChecks {

        private final NavigableMap<Instant, ChangeCounts> hours = new TreeMap<>(Map.of(
                Instant.parse("2026-03-01T05:00:00Z"), ChangeCounts.ZERO.plus("change", 2),
                Instant.parse("2026-03-01T20:00:00Z"), ChangeCounts.ZERO.plus("routine", 1),
                Instant.parse("2026-03-02T03:00:00Z"), ChangeCounts.ZERO.plus("disruptive", 4),
                Instant.parse("2026-04-10T12:00:00Z"), ChangeCounts.ZERO.plus("start", 7)));

        @Test
        void givenARangeCutInsideDays_whenBucketedByDay_thenTheEndBucketsAreCutAndCountOnlyTheirHours() {
            StatsTruth.Case request = new StatsTruth.Case("h", Instant.parse("2026-03-01T06:00:00Z"),
                    Instant.parse("2026-03-03T04:00:00Z"), "day");

            List<StatsTruth.Bucket> buckets = StatsTruth.expected(request, hours);

            assertThat(buckets).extracting(StatsTruth.Bucket::start).containsExactly(
                    Instant.parse("2026-03-01T06:00:00Z"), Instant.parse("2026-03-02T00:00:00Z"),
                    Instant.parse("2026-03-03T00:00:00Z"));
            assertThat(buckets.get(2).end()).isEqualTo(Instant.parse("2026-03-03T04:00:00Z"));
            assertThat(buckets).extracting(b -> StatsTruth.total(b.counts())).containsExactly(1L, 4L, 0L);
        }

        @Test
        void givenAYearRange_whenBucketedByMonth_thenTheFirstBucketIsLabelledWithItsMonth() {
            StatsTruth.Case request = new StatsTruth.Case("h", Instant.parse("2026-03-01T05:00:00Z"),
                    Instant.parse("2026-05-01T00:00:00Z"), "month");

            List<StatsTruth.Bucket> buckets = StatsTruth.expected(request, hours);

            assertThat(buckets).extracting(StatsTruth.Bucket::first)
                    .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
            assertThat(buckets.get(0).counts()).isEqualTo(new ChangeCounts(2, 4, 0, 1, 0, 0, 0, 0));
            assertThat(buckets.get(1).counts().start()).isEqualTo(7);
        }

        @Test
        void givenAnswers_whenChecked_thenWrongCountsAndMissingBucketsAreReported() throws Exception {
            StatsTruth.Case request = new StatsTruth.Case("h", Instant.parse("2026-03-02T00:00:00Z"),
                    Instant.parse("2026-03-03T00:00:00Z"), "day");
            List<StatsTruth.Bucket> expected = StatsTruth.expected(request, hours);
            JsonNode right = BenchMain.MAPPER.readTree("""
                    {"hostId":"h","from":"2026-03-02T00:00:00Z","to":"2026-03-03T00:00:00Z","bucket":"day",
                     "buckets":[{"start":"2026-03-02T00:00:00Z","end":"2026-03-03T00:00:00Z","counts":
                      {"change":0,"disruptive":4,"start":0,"routine":0,"access":0,"unknown":0,"manual":0,
                       "incident":0}}]}""");
            JsonNode wrong = BenchMain.MAPPER.readTree(right.toString().replace("\"disruptive\":4", "\"disruptive\":3"));

            assertThat(StatsTruth.check(request, right, expected)).isEmpty();
            assertThat(StatsTruth.check(request, wrong, expected)).singleElement().asString().contains("2026-03-02");
            assertThat(StatsTruth.check(Map.of(LocalDate.of(2026, 3, 2), new ChangeCounts(0, 4, 0, 0, 0, 0, 0, 0)),
                    expected)).isEmpty();
            assertThat(StatsTruth.check(Map.of(LocalDate.of(2026, 3, 5), ChangeCounts.ZERO.plus("change", 1)),
                    expected)).hasSize(2);
        }

        @Test
        void givenThePlan_thenEveryCaseIsOnWholeHoursWithinTheBucketLimitAndMostAreCut() {
            List<StatsTruth.Case> cases = StatsTruth.cases(List.of("a", "b"), YearMonth.of(2025, 11), 12, 6L);

            assertThat(cases).hasSize(2 * (12 + 12 + 7));
            assertThat(cases).allSatisfy(c -> assertThat(StatsTruth.expected(c, hours).size())
                    .isBetween(1, 32));
            assertThat(cases.stream().filter(c -> c.from().atOffset(ZoneOffset.UTC).getHour() != 0)).hasSize(2 * 18);
            assertThat(cases.stream().filter(c -> c.bucket().equals("month"))).hasSize(14);
            assertThatThrownBy(() -> new StatsTruth.Case("h", Instant.parse("2026-03-02T00:30:00Z"),
                    Instant.parse("2026-03-03T00:00:00Z"), "day")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Figures {

        @Test
        void givenPathWithFigures_whenRun_thenFiguresAreSummarisedOverTheTimedRoundsOnly() throws Exception {
            List<Double> values = new ArrayList<>(List.of(1000.0, 3.0, 1.0, 2.0));
            MeasuredPath path = new FiguredPath("p", "requests/s", "a path", () -> 10,
                    () -> List.of(new MeasuredPath.Figure("p_p99", "ms", "p99", values.remove(0))));
            Benchmark benchmark = new Benchmark() {
                public String name() {
                    return "b";
                }

                public String description() {
                    return "b";
                }

                public void load(BenchDatabase database) {
                }

                public List<MeasuredPath> paths() {
                    return List.of(path);
                }

                public List<Ratio> ratios() {
                    return List.of();
                }
            };
            BenchOptions options = BenchOptions.parse(new String[] {"--warmups", "1", "--rounds", "3"}, Map.of());

            BenchRunner.Result result = new BenchRunner(options).run(benchmark, null);

            assertThat(result.figures()).singleElement().satisfies(f -> {
                assertThat(f.figure().name()).isEqualTo("p_p99");
                assertThat(f.stats().values()).containsExactly(3.0, 1.0, 2.0);
                assertThat(f.stats().median()).isEqualTo(2.0);
            });
        }

        @Test
        void givenLimits_thenLatencyInMillisecondsAndMemoryInKibAreFormattedAndJudged() {
            assertThat(ResultPrinter.machine(3.14159, "ms")).isEqualTo("3.14");
            assertThat(ResultPrinter.machine(262_144.4, "KiB")).isEqualTo("262144");
            assertThat(ResultPrinter.verdict(19.9, ResultPrinter.LIMITS.get("query_events_p99"))).isEqualTo("met");
            assertThat(ResultPrinter.verdict(307_201, ResultPrinter.LIMITS.get("export_rss_peak"))).isEqualTo("NOT met");
            assertThat(ResultPrinter.verdict(307_200, ResultPrinter.LIMITS.get("service_rss_peak"))).isEqualTo("met");
            assertThat(ResultPrinter.LIMITS).containsEntry("stats_p99", 20.0).containsEntry("report_json_ms", 300.0)
                    .containsEntry("report_html_ms", 300.0).containsKeys("query_events_rss", "stats_rss",
                            "report_json_rss", "report_html_rss", "export_rss");
        }
    }
}
