package changeledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How a range is cut into whole days (read from the rollup) and partial days (counted per event). */
class DayRangeTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void givenMidnightToMidnight_whenCut_thenWholeDaysOnly() {
        DayRange range = DayRange.of(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"), UTC);
        assertThat(range.firstFullDay()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(range.endFullDay()).isEqualTo(LocalDate.of(2026, 11, 4));
        assertThat(range.partialDays()).isEmpty();
    }

    @Test
    void givenBothEdgesInsideDays_whenCut_thenTwoPartialDaysAroundTheWholeOnes() {
        DayRange range = DayRange.of(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-04T06:00:00Z"), UTC);
        assertThat(range.firstFullDay()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(range.endFullDay()).isEqualTo(LocalDate.of(2026, 11, 4));
        assertThat(range.partialDays()).containsExactly(
                new DayRange.Slice(LocalDate.of(2026, 11, 1), Instant.parse("2026-11-01T10:00:00Z"),
                        Instant.parse("2026-11-02T00:00:00Z")),
                new DayRange.Slice(LocalDate.of(2026, 11, 4), Instant.parse("2026-11-04T00:00:00Z"),
                        Instant.parse("2026-11-04T06:00:00Z")));
    }

    @Test
    void givenRangeInsideOneDay_whenCut_thenOnePartialDayAndNoWholeOne() {
        DayRange range = DayRange.of(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T11:00:00Z"), UTC);
        assertThat(range.firstFullDay()).isEqualTo(range.endFullDay());
        assertThat(range.partialDays()).singleElement().satisfies(s -> {
            assertThat(s.from()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
            assertThat(s.to()).isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        });
    }

    @Test
    void givenAcrossOneMidnightWithoutWholeDay_whenCut_thenTwoPartialDays() {
        DayRange range = DayRange.of(Instant.parse("2026-11-01T20:00:00Z"), Instant.parse("2026-11-02T04:00:00Z"), UTC);
        assertThat(range.firstFullDay()).isEqualTo(range.endFullDay());
        assertThat(range.partialDays()).extracting(DayRange.Slice::day)
                .containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2));
    }

    @Test
    void givenZoneWithOffset_whenCut_thenDaysAreLocal() {
        // 2026-11-01T23:00Z is midnight of 2 November in Berlin (UTC+1)
        DayRange range = DayRange.of(Instant.parse("2026-11-01T23:00:00Z"), Instant.parse("2026-11-03T12:00:00Z"), BERLIN);
        assertThat(range.firstFullDay()).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(range.endFullDay()).isEqualTo(LocalDate.of(2026, 11, 3));
        assertThat(range.partialDays()).singleElement().satisfies(s -> {
            assertThat(s.day()).isEqualTo(LocalDate.of(2026, 11, 3));
            assertThat(s.from()).isEqualTo(Instant.parse("2026-11-02T23:00:00Z"));
        });
    }
}
