package changeledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.host.HostPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The verdicts in their fixed order (DESIGN "What counts as one change"), without Quarkus. */
class VerdictRuleTest {

    private static final Instant T = Instant.parse("2026-10-05T10:00:00Z");
    private static final HostPolicy INFRA = new HostPolicy(true, 4, 30);
    private static final HostPolicy BUDGET_ONLY = new HostPolicy(false, 4, 30);
    private static final HostPolicy LAB = new HostPolicy(false, null, null);
    private static final ObservedChange UNPLANNED = change("101", T, "qmconfig 101");
    private static final CollectionGap GAP = new CollectionGap("task-index", T, T.plusSeconds(3600));

    @Nested
    class NoData {

        @Test
        void givenNoEventNoSignOfLifeAndNoWindow_thenNoData() {
            VerdictRule.Decision decision = VerdictRule.decide(INFRA, figures(false, false, false, 0, 0, 0));

            assertThat(decision.verdict()).isEqualTo(Verdict.NO_DATA);
            assertThat(decision.reasons()).singleElement().asString().contains("no sign of life");
        }

        @Test
        void givenOnlyAWindowOpenAllMonth_thenOverBudgetNotNoData() {
            // a guest stopped on the 30th of the month before, never started: 31 days of disruption, no event
            VerdictRule.Decision decision = VerdictRule.decide(INFRA, figures(false, false, true, 0, 0, 44_640));

            assertThat(decision.verdict()).isEqualTo(Verdict.OVER_BUDGET);
            assertThat(decision.reasons())
                    .contains("Disruption: 44640.0 minutes of a budget of 30 minutes, over budget.");
        }

        @Test
        void givenOnlyASignOfLifeOrOnlyEvents_thenJudged() {
            assertThat(VerdictRule.decide(INFRA, figures(false, true, false, 0, 0, 0)).verdict())
                    .isEqualTo(Verdict.WITHIN_BUDGET);
            assertThat(VerdictRule.decide(INFRA, figures(true, false, false, 0, 0, 0)).verdict())
                    .isEqualTo(Verdict.WITHIN_BUDGET);
        }
    }

    @Nested
    class Precedence {

        @Test
        void givenNoBudget_thenInformationalBeforeEverythingElse_andTheProblemsStillListed() {
            HostPolicy requiresWithoutBudget = new HostPolicy(true, null, null);
            VerdictRule.Decision decision = VerdictRule.decide(requiresWithoutBudget,
                    new VerdictRule.Figures(true, false, true, 40, 12, 300, List.of(UNPLANNED), List.of(GAP)));

            assertThat(decision.verdict()).isEqualTo(Verdict.INFORMATIONAL);
            assertThat(decision.reasons()).containsExactly(
                    "No budget for this host: the figures are for information.",
                    "Budget units: 12 (40 changes), no change budget.",
                    "Disruption: 300.0 minutes, no disruption budget.",
                    "1 change has no covering change request, which this host requires.",
                    "Unplanned: 2026-10-05T10:00:00Z, guest 101: qmconfig 101.",
                    "Collection gap in task-index from 2026-10-05T10:00:00Z to 2026-10-05T11:00:00Z: the record may"
                            + " miss changes then.");
        }

        @Test
        void givenOverBudgetWithUnplannedAndGaps_thenOverBudget_withAllReasons() {
            VerdictRule.Decision decision = VerdictRule.decide(INFRA,
                    new VerdictRule.Figures(true, false, false, 7, 5, 2.5, List.of(UNPLANNED), List.of(GAP)));

            assertThat(decision.verdict()).isEqualTo(Verdict.OVER_BUDGET);
            assertThat(decision.reasons()).startsWith("Budget units: 5 of a budget of 4 (7 changes), over budget.",
                    "Disruption: 2.5 minutes of a budget of 30 minutes.",
                    "1 change has no covering change request, which this host requires.");
            assertThat(decision.reasons()).hasSize(5);
        }

        @Test
        void givenRequiredRequestsWithinBothBudgetsAndUnplanned_thenUnplannedChanges_namingThem() {
            ObservedChange node = change("node", T.plusSeconds(86_400), "PUT /api2/json/nodes/pve/dns");
            VerdictRule.Decision decision = VerdictRule.decide(INFRA,
                    new VerdictRule.Figures(true, false, false, 3, 2, 0, List.of(UNPLANNED, node), List.of(GAP)));

            assertThat(decision.verdict()).isEqualTo(Verdict.UNPLANNED_CHANGES);
            assertThat(decision.verdict().text()).isEqualTo("unplanned changes");
            assertThat(decision.reasons()).contains(
                    "2 changes have no covering change request, which this host requires.",
                    "Unplanned: 2026-10-05T10:00:00Z, guest 101: qmconfig 101.",
                    "Unplanned: 2026-10-06T10:00:00Z, node: PUT /api2/json/nodes/pve/dns.");
        }

        @Test
        void givenUnplannedOnAHostThatRequiresNone_thenNotNamed_andWithinBudget() {
            VerdictRule.Decision decision = VerdictRule.decide(BUDGET_ONLY,
                    new VerdictRule.Figures(true, false, false, 1, 1, 0, List.of(UNPLANNED), List.of()));

            assertThat(decision.verdict()).isEqualTo(Verdict.WITHIN_BUDGET);
            assertThat(decision.reasons()).noneMatch(reason -> reason.contains("Unplanned"));
        }

        @Test
        void givenGapsOnly_thenIncompleteEvidence_listingThem() {
            CollectionGap open = new CollectionGap("pull", T, null);
            VerdictRule.Decision decision = VerdictRule.decide(INFRA,
                    new VerdictRule.Figures(true, false, false, 1, 1, 0, List.of(), List.of(GAP, open)));

            assertThat(decision.verdict()).isEqualTo(Verdict.INCOMPLETE_EVIDENCE);
            assertThat(decision.reasons()).contains("Collection gap in pull from 2026-10-05T10:00:00Z, still open:"
                    + " the record may miss changes then.");
        }

        @Test
        void givenNothingWrong_thenWithinBudget_withBothNumbersNamed() {
            VerdictRule.Decision atBudget = VerdictRule.decide(INFRA, figures(true, false, true, 9, 4, 30.0));
            VerdictRule.Decision one = VerdictRule.decide(INFRA, figures(true, false, false, 1, 1, 0));

            assertThat(atBudget.verdict()).isEqualTo(Verdict.WITHIN_BUDGET);
            assertThat(atBudget.reasons()).containsExactly("Budget units: 4 of a budget of 4 (9 changes).",
                    "Disruption: 30.0 minutes of a budget of 30 minutes.");
            assertThat(one.reasons()).first().isEqualTo("Budget units: 1 of a budget of 4 (1 change).");
        }

        @Test
        void givenEitherBudgetExceeded_thenOverBudget_sayingWhich() {
            VerdictRule.Decision minutes = VerdictRule.decide(INFRA, figures(true, false, true, 1, 1, 30.1));

            assertThat(minutes.verdict()).isEqualTo(Verdict.OVER_BUDGET);
            assertThat(minutes.reasons()).containsExactly("Budget units: 1 of a budget of 4 (1 change).",
                    "Disruption: 30.1 minutes of a budget of 30 minutes, over budget.");
            assertThat(VerdictRule.decide(LAB, figures(true, false, true, 50, 50, 900)).verdict())
                    .isEqualTo(Verdict.INFORMATIONAL);
        }
    }

    @Test
    void givenManyUnplanned_thenTheFirstTenNamed_andTheRestCounted() {
        List<ObservedChange> many = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            many.add(change("101", T.plusSeconds(3600L * i), "qmconfig 101"));
        }
        VerdictRule.Decision decision = VerdictRule.decide(INFRA,
                new VerdictRule.Figures(true, false, false, 13, 13, 0, many, List.of()));

        assertThat(decision.verdict()).isEqualTo(Verdict.OVER_BUDGET);
        assertThat(decision.reasons()).filteredOn(reason -> reason.startsWith("Unplanned: ")).hasSize(10);
        assertThat(decision.reasons()).last().isEqualTo("And 3 more, listed under unplanned changes.");
    }

    private static VerdictRule.Figures figures(boolean events, boolean signOfLife, boolean window, int changes,
                                               int units, double minutes) {
        return new VerdictRule.Figures(events, signOfLife, window, changes, units, minutes, List.of(), List.of());
    }

    private static ObservedChange change(String target, Instant at, String summary) {
        return new ObservedChange(UUID.randomUUID(), 1, at, "change", target, "root@pam", summary, null, null, false);
    }
}
