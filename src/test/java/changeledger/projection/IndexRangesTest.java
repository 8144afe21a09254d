package changeledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexRangesTest {

    private static IndexRanges.Range day(int year, int month, int day) {
        return new IndexRanges.Range(true, LocalDate.of(year, month, day));
    }

    private static IndexRanges.Range month(int year, int month) {
        return new IndexRanges.Range(false, LocalDate.of(year, month, 1));
    }

    @Test
    void givenTheLastSevenDaysInsideAMonth_thenSevenDays() {
        assertThat(IndexRanges.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 7), false, false))
                .containsExactly(day(2026, 12, 1), day(2026, 12, 2), day(2026, 12, 3), day(2026, 12, 4),
                        day(2026, 12, 5), day(2026, 12, 6), day(2026, 12, 7));
    }

    @Test
    void givenSevenDaysAcrossAYearEnd_thenTheDaysOfBothMonths() {
        assertThat(IndexRanges.of(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4), false, false))
                .containsExactly(day(2025, 12, 29), day(2025, 12, 30), day(2025, 12, 31), day(2026, 1, 1),
                        day(2026, 1, 2), day(2026, 1, 3), day(2026, 1, 4));
    }

    @Test
    void givenWholeMonths_thenOneRangeEach_andTheCutEdgesByDay() {
        assertThat(IndexRanges.of(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 31), false, false))
                .containsExactly(month(2026, 2), month(2026, 3));
        List<IndexRanges.Range> cut = IndexRanges.of(LocalDate.of(2026, 1, 30), LocalDate.of(2026, 4, 2), false, false);
        assertThat(cut).containsExactly(day(2026, 1, 30), day(2026, 1, 31), month(2026, 2), month(2026, 3),
                day(2026, 4, 1), day(2026, 4, 2));
    }

    @Test
    void givenAnOpenEnd_thenItsMonthIsReadWhole() {
        assertThat(IndexRanges.of(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 3), false, true))
                .containsExactly(day(2026, 3, 20), day(2026, 3, 21), day(2026, 3, 22), day(2026, 3, 23),
                        day(2026, 3, 24), day(2026, 3, 25), day(2026, 3, 26), day(2026, 3, 27), day(2026, 3, 28),
                        day(2026, 3, 29), day(2026, 3, 30), day(2026, 3, 31), month(2026, 4));
        assertThat(IndexRanges.of(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 22), true, false))
                .containsExactly(day(2026, 3, 20), day(2026, 3, 21), day(2026, 3, 22));
        assertThat(IndexRanges.of(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 22), true, false))
                .hasSize(1 + 22).startsWith(month(2026, 3)).endsWith(day(2026, 4, 22));
        assertThat(IndexRanges.of(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 3, 22), true, true))
                .containsExactly(month(2026, 3));
    }

    @Test
    void givenMoreThan120Months_thenNoRanges_andOneScanServes() {
        assertThat(IndexRanges.of(LocalDate.of(2016, 1, 1), LocalDate.of(2025, 12, 31), false, false)).hasSize(120);
        assertThat(IndexRanges.of(LocalDate.of(2016, 1, 1), LocalDate.of(2026, 1, 1), false, false)).isEmpty();
    }
}
