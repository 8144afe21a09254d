package changeledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The budget units (BudgetCount), without Quarkus; the verdicts are in VerdictRuleTest. */
class BudgetRulesTest {

    private static final Instant T = Instant.parse("2026-11-03T10:05:00Z");

    @Nested
    class Counting {

        @Test
        void givenChangesCoveredByOneRequest_whenCounted_thenTheRequestCountsOnce() {
            assertThat(BudgetCount.of(List.of(change("101", T, "cr-1"), change("102", T.plusSeconds(7200), "cr-1"),
                    change("node", T.plusSeconds(86_400), "cr-1")), ZoneOffset.UTC)).isEqualTo(1);
        }

        @Test
        void givenUnplannedChangesOfOneTargetInOneHour_whenCounted_thenOnce_andPerTargetAndHourOtherwise() {
            List<ObservedChange> changes = List.of(change("101", T, null), change("101", T.plusSeconds(3000), null),
                    change("102", T.plusSeconds(60), null), change("101", T.plusSeconds(3300), null));

            // 10:05 and 10:55 share the hour 10:00 for 101; 11:00 is the next hour; 102 is another target
            assertThat(BudgetCount.of(changes, ZoneOffset.UTC)).isEqualTo(3);
        }

        @Test
        void givenZoneWithHalfHourOffset_whenCounted_thenHoursAreThatZonesHours() {
            // in Asia/Kolkata (+05:30) 10:05Z is 15:35 and 10:35Z is 16:05: two hours there, one hour in UTC
            List<ObservedChange> changes = List.of(change("101", T, null), change("101", T.plusSeconds(1800), null));

            assertThat(BudgetCount.of(changes, ZoneOffset.UTC)).isEqualTo(1);
            assertThat(BudgetCount.of(changes, ZoneId.of("Asia/Kolkata"))).isEqualTo(2);
        }

        @Test
        void givenPlannedAndUnplanned_whenCounted_thenBothKindsAdd() {
            assertThat(BudgetCount.of(List.of(change("101", T, "cr-1"), change("101", T, null)), ZoneOffset.UTC))
                    .isEqualTo(2);
        }
    }

    private static ObservedChange change(String target, Instant at, String request) {
        return new ObservedChange(UUID.randomUUID(), 1, at, "change", target, "root@pam", "qmconfig " + target, request, null, false);
    }
}
