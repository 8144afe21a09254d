package changeledger.report;

import changeledger.host.ChangeTarget;
import changeledger.host.HostPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides a host's verdict for a month from its policy and figures; pure. The first verdict that applies wins:
 * no data, informational, over budget, unplanned changes, incomplete evidence, within budget.
 */
public final class VerdictRule {

    /** Unplanned changes named one by one in the reasons; the rest are in the report's unplanned list. */
    static final int NAMED_UNPLANNED = 10;

    private VerdictRule() {
    }

    /** The verdict and the reasons a person reads. */
    public static Decision decide(HostPolicy policy, Figures month) {
        List<String> reasons = new ArrayList<>();
        if (!month.hasEvents() && !month.signOfLife() && !month.windowInMonth()) {
            reasons.add("No events, no sign of life and no disruption window of this host in the month: check that"
                    + " its collector or pull runs.");
            return new Decision(Verdict.NO_DATA, reasons);
        }
        Integer changeBudget = policy.monthlyChangeBudget();
        Integer minuteBudget = policy.monthlyDisruptionMinutes();
        boolean overChanges = changeBudget != null && month.budgetUnits() > changeBudget;
        boolean overMinutes = minuteBudget != null && month.disruptionMinutes() > minuteBudget;
        reasons.add(budgetUnits(month.budgetUnits(), month.changes(), changeBudget, overChanges));
        reasons.add("Disruption: " + minutes(month.disruptionMinutes())
                + (minuteBudget == null ? ", no disruption budget."
                : " of a budget of " + minuteBudget + " minutes" + (overMinutes ? ", over budget." : ".")));
        List<ObservedChange> unplanned = policy.requireChangeRequests() ? month.unplanned() : List.of();
        unplanned(reasons, unplanned);
        month.gaps().forEach(gap -> reasons.add(gap(gap)));
        if (changeBudget == null && minuteBudget == null) {
            reasons.add(0, "No budget for this host: the figures are for information.");
            return new Decision(Verdict.INFORMATIONAL, reasons);
        }
        if (overChanges || overMinutes) {
            return new Decision(Verdict.OVER_BUDGET, reasons);
        }
        if (!unplanned.isEmpty()) {
            return new Decision(Verdict.UNPLANNED_CHANGES, reasons);
        }
        return new Decision(month.gaps().isEmpty() ? Verdict.WITHIN_BUDGET : Verdict.INCOMPLETE_EVIDENCE, reasons);
    }

    /** The reason that states both numbers: "Budget units: 3 of a budget of 4 (7 changes)." */
    static String budgetUnits(int units, int changes, Integer budget, boolean over) {
        String counted = " (" + changes + (changes == 1 ? " change)" : " changes)");
        return "Budget units: " + units + (budget == null ? counted + ", no change budget."
                : " of a budget of " + budget + counted + (over ? ", over budget." : "."));
    }

    private static void unplanned(List<String> reasons, List<ObservedChange> unplanned) {
        if (unplanned.isEmpty()) {
            return;
        }
        int count = unplanned.size();
        reasons.add(count + (count == 1 ? " change has" : " changes have") + " no covering change request, which"
                + " this host requires.");
        for (ObservedChange change : unplanned.subList(0, Math.min(count, NAMED_UNPLANNED))) {
            reasons.add("Unplanned: " + change.occurredAt() + ", " + target(change.target()) + ": "
                    + (change.summary() == null ? change.eventClass() : change.summary()) + ".");
        }
        if (count > NAMED_UNPLANNED) {
            reasons.add("And " + (count - NAMED_UNPLANNED) + " more, listed under unplanned changes.");
        }
    }

    private static String target(String target) {
        return ChangeTarget.isGuest(target) ? "guest " + target : target;
    }

    private static String gap(CollectionGap gap) {
        Instant to = gap.to();
        return "Collection gap in " + gap.source() + " from " + gap.from()
                + (to == null ? ", still open" : " to " + to) + ": the record may miss changes then.";
    }

    /** Minutes to one decimal, as everywhere in the report. */
    static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f minutes", minutes);
    }

    /**
     * What the rule judges: one host's month.
     *
     * @param hasEvents         whether the host has any event in the month (a task, an API call, a counted change)
     * @param signOfLife        whether a source of the host reported in the month (a successful pull), events aside
     * @param windowInMonth     whether a disruption window of the host overlaps the month (an open one included)
     * @param changes           the observed changes ({@link StabilityReportService#observed})
     * @param budgetUnits       what counts against the budget ({@link BudgetCount})
     * @param disruptionMinutes disruption minutes inside the month
     * @param unplanned         the observed changes no request covers (named when the policy requires requests)
     * @param gaps              the month's collection gaps
     */
    public record Figures(boolean hasEvents, boolean signOfLife, boolean windowInMonth, int changes, int budgetUnits,
                          double disruptionMinutes, List<ObservedChange> unplanned, List<CollectionGap> gaps) {

        /** Copies the lists. */
        public Figures {
            unplanned = List.copyOf(unplanned);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * A verdict with its reasons.
     *
     * @param verdict the verdict
     * @param reasons why, in words
     */
    public record Decision(Verdict verdict, List<String> reasons) {

        /** Copies the reasons. */
        public Decision {
            reasons = List.copyOf(reasons);
        }
    }
}
