package changeledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.api.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Buckets of a statistics range: days, ISO weeks, months in the service's zone, cut to the range. */
class StatsBucketsTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Nested
    class Spans {

        @Test
        void givenWholeMonthByDay_whenCut_thenEveryDayOnce() {
            List<StatsBuckets.Span> spans = StatsBuckets.spans(Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"), StatsBucket.DAY, UTC, 400);
            assertThat(spans).hasSize(30);
            assertThat(spans.get(0)).isEqualTo(new StatsBuckets.Span(LocalDate.of(2026, 11, 1),
                    Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z")));
            assertThat(spans.get(29).end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        }

        @Test
        void givenRangeFromWednesdayNoon_whenCutInWeeks_thenFirstWeekStartsAtFromAndWeeksStartOnMonday() {
            // 2026-11-04 is a Wednesday
            List<StatsBuckets.Span> spans = StatsBuckets.spans(Instant.parse("2026-11-04T12:00:00Z"),
                    Instant.parse("2026-11-20T00:00:00Z"), StatsBucket.WEEK, UTC, 400);
            assertThat(spans).extracting(StatsBuckets.Span::first).containsExactly(LocalDate.of(2026, 11, 2),
                    LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16));
            assertThat(spans.get(0).start()).isEqualTo(Instant.parse("2026-11-04T12:00:00Z"));
            assertThat(spans.get(1).start()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
            assertThat(spans.get(2).end()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        }

        @Test
        void givenMonthsAcrossDaylightSavingEnd_whenCutInBerlin_thenLocalMidnights() {
            List<StatsBuckets.Span> spans = StatsBuckets.spans(Instant.parse("2026-09-30T22:00:00Z"),
                    Instant.parse("2026-11-30T23:00:00Z"), StatsBucket.MONTH, BERLIN, 400);
            assertThat(spans).extracting(StatsBuckets.Span::start).containsExactly(
                    Instant.parse("2026-09-30T22:00:00Z"), Instant.parse("2026-10-31T23:00:00Z"));
        }

        @Test
        void givenMoreBucketsThanTheCap_whenCut_thenStopsOneAfterTheCap() {
            assertThat(StatsBuckets.spans(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"),
                    StatsBucket.DAY, UTC, 400)).hasSize(401);
            assertThat(StatsBuckets.spans(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"),
                    StatsBucket.MONTH, UTC, 400)).hasSize(120);
        }
    }

    @Nested
    class Defaults {

        private final Instant now = Instant.parse("2026-11-25T15:00:00Z");

        @Test
        void givenNeither_whenDefaulted_thenTheCurrentMonth() {
            assertThat(new TimeRange(null, null).withMonthDefaults(now, UTC)).isEqualTo(new TimeRange(
                    Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        }

        @Test
        void givenOnlyTo_whenDefaulted_thenFromIsTheStartOfTheMonthOfItsLastInstant() {
            assertThat(new TimeRange(null, Instant.parse("2026-10-01T00:00:00Z")).withMonthDefaults(now, UTC)
                    .from()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
            assertThat(new TimeRange(null, Instant.parse("2026-10-15T08:00:00Z")).withMonthDefaults(now, UTC)
                    .from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        }

        @Test
        void givenOnlyFrom_whenDefaulted_thenToIsTheEndOfTheCurrentMonthInTheZone() {
            assertThat(new TimeRange(Instant.parse("2026-06-01T00:00:00Z"), null).withMonthDefaults(now, BERLIN)
                    .to()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        }
    }
}
