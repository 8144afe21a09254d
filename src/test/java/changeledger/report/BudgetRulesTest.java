package changeledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.host.HostPolicy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The budget count and the verdict, without Quarkus. */
class BudgetRulesTest {

    private static final Instant T = Instant.parse("2026-11-03T10:05:00Z");
    private static final HostPolicy INFRA = new HostPolicy(true, 4, 30);

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

    @Nested
    class Verdicts {

        @Test
        void givenNoEvents_thenNoData() {
            assertThat(VerdictRule.decide(false, INFRA, 0, 0, 0).verdict()).isEqualTo(Verdict.NO_DATA);
        }

        @Test
        void givenNoBudget_thenInformationalWhateverTheFigures() {
            VerdictRule.Decision decision = VerdictRule.decide(true, new HostPolicy(false, null, null), 40, 300, 0);

            assertThat(decision.verdict()).isEqualTo(Verdict.INFORMATIONAL);
            assertThat(decision.verdict().text()).isEqualTo("informational");
        }

        @Test
        void givenFiguresAtTheBudget_thenWithin() {
            VerdictRule.Decision decision = VerdictRule.decide(true, INFRA, 4, 30.0, 0);

            assertThat(decision.verdict()).isEqualTo(Verdict.WITHIN_BUDGET);
            assertThat(decision.reasons()).containsExactly("Changes: 4 of a budget of 4.",
                    "Disruption: 30.0 minutes of a budget of 30 minutes.");
        }

        @Test
        void givenEitherBudgetExceeded_thenOverWithTheReasonAndUnplannedNamed() {
            VerdictRule.Decision changes = VerdictRule.decide(true, INFRA, 5, 2.5, 2);
            VerdictRule.Decision minutes = VerdictRule.decide(true, INFRA, 1, 30.1, 0);

            assertThat(changes.verdict()).isEqualTo(Verdict.OVER_BUDGET);
            assertThat(changes.reasons()).containsExactly("Changes: 5 of a budget of 4, over budget.",
                    "Disruption: 2.5 minutes of a budget of 30 minutes.", "2 changes have no covering change request.");
            assertThat(minutes.verdict()).isEqualTo(Verdict.OVER_BUDGET);
            assertThat(minutes.reasons()).contains("Disruption: 30.1 minutes of a budget of 30 minutes, over budget.");
        }
    }

    private static ObservedChange change(String target, Instant at, String request) {
        return new ObservedChange(UUID.randomUUID(), 1, at, "change", target, "root@pam", "qmconfig " + target, request);
    }
}
