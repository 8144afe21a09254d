package changeledger.projection.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Month boundaries: windows split at them, open windows counted up to now or to the month's end. */
class MonthSliceTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final Instant DECEMBER_NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void givenWindowInsideTheMonth_whenSplit_thenWhole() {
        List<MonthSlice> slices = MonthSlice.inMonth(List.of(window("2026-11-10T10:00:00Z", "2026-11-10T10:45:30Z")),
                NOVEMBER, UTC, DECEMBER_NOW);

        assertThat(slices).singleElement().satisfies(s -> assertThat(s.minutes()).isEqualTo(45.5));
    }

    @Test
    void givenWindowCrossingTheMonthsStartAndEnd_whenSplit_thenOnlyThePartInside() {
        Disruption window = window("2026-10-31T23:30:00Z", "2026-11-01T00:20:00Z");

        assertThat(MonthSlice.inMonth(List.of(window), NOVEMBER, UTC, DECEMBER_NOW)).singleElement().satisfies(s -> {
            assertThat(s.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(s.minutes()).isEqualTo(20.0);
        });
        assertThat(MonthSlice.inMonth(List.of(window), YearMonth.of(2026, 10), UTC, DECEMBER_NOW)).singleElement()
                .satisfies(s -> assertThat(s.minutes()).isEqualTo(30.0));
        assertThat(MonthSlice.inMonth(List.of(window), YearMonth.of(2026, 12), UTC, DECEMBER_NOW)).isEmpty();
    }

    @Test
    void givenOpenWindowAndPastMonth_whenSplit_thenCountedToTheMonthsEnd() {
        Disruption open = window("2026-11-30T23:00:00Z", null);

        assertThat(MonthSlice.inMonth(List.of(open), NOVEMBER, UTC, DECEMBER_NOW)).singleElement().satisfies(s -> {
            assertThat(s.end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(s.minutes()).isEqualTo(60.0);
        });
    }

    @Test
    void givenOpenWindowAndCurrentMonth_whenSplit_thenCountedToNow() {
        Disruption open = window("2026-11-30T23:00:00Z", null);

        assertThat(MonthSlice.inMonth(List.of(open), YearMonth.of(2026, 12), UTC, DECEMBER_NOW)).singleElement()
                .satisfies(s -> {
                    assertThat(s.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
                    assertThat(s.end()).isEqualTo(DECEMBER_NOW);
                    assertThat(s.minutes()).isEqualTo(4 * 24 * 60 + 12 * 60.0);
                });
        assertThat(MonthSlice.inMonth(List.of(open), YearMonth.of(2027, 1), UTC, DECEMBER_NOW)).isEmpty();
    }

    @Test
    void givenMonthInAnotherTimeZone_whenSplit_thenItsLocalMidnightIsTheBoundary() {
        Disruption window = window("2026-10-31T22:30:00Z", "2026-10-31T23:30:00Z");

        assertThat(MonthSlice.inMonth(List.of(window), NOVEMBER, ZoneId.of("Europe/Berlin"), DECEMBER_NOW))
                .singleElement().satisfies(s -> assertThat(s.minutes()).isEqualTo(30.0));
    }

    @Test
    void givenFailedTaskAndSeveralWindows_whenTotalled_thenFailedCountsZeroAndTheSumIsRoundedOnce() {
        Disruption failed = new Disruption("h", "101", "101", Instant.parse("2026-11-02T10:00:00Z"),
                Instant.parse("2026-11-02T10:00:00Z"), "qmstop", "UPID:x", null, null, true, false);
        List<MonthSlice> slices = MonthSlice.inMonth(List.of(failed, window("2026-11-03T10:00:00Z",
                "2026-11-03T10:00:20Z"), window("2026-11-04T10:00:00Z", "2026-11-04T10:00:20Z")), NOVEMBER, UTC,
                DECEMBER_NOW);

        assertThat(slices).hasSize(3);
        assertThat(slices.get(0).minutes()).isZero();
        assertThat(MonthSlice.totalMinutes(slices)).isEqualTo(0.7);
    }

    private static Disruption window(String start, String end) {
        return new Disruption("h", "101", "101", Instant.parse(start), end == null ? null : Instant.parse(end),
                "qmstop", "UPID:" + start, null, null, false, false);
    }
}
