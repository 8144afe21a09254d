package changeledger.report;

import changeledger.host.HostPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Decides a host's verdict for a month from its policy and figures; pure. */
public final class VerdictRule {

    private VerdictRule() {
    }

    /**
     * The verdict and the reasons a person reads.
     *
     * @param hasEvents         whether the host's collectors brought any task or API call of the month
     * @param policy            the host's policy
     * @param budgetCount       the month's budget count ({@link BudgetCount})
     * @param disruptionMinutes disruption minutes inside the month
     * @param unplanned         changes no request covers, on a host that requires requests (0 otherwise)
     */
    public static Decision decide(boolean hasEvents, HostPolicy policy, int budgetCount, double disruptionMinutes,
                                  int unplanned) {
        List<String> reasons = new ArrayList<>();
        if (!hasEvents) {
            reasons.add("No tasks or API calls from this host in the month: check that its collector or pull runs.");
            return new Decision(Verdict.NO_DATA, reasons);
        }
        Integer changeBudget = policy.monthlyChangeBudget();
        Integer minuteBudget = policy.monthlyDisruptionMinutes();
        boolean over = false;
        if (changeBudget != null) {
            over |= budgetCount > changeBudget;
            reasons.add("Changes: " + budgetCount + " of a budget of " + changeBudget
                    + (budgetCount > changeBudget ? ", over budget." : "."));
        }
        if (minuteBudget != null) {
            over |= disruptionMinutes > minuteBudget;
            reasons.add("Disruption: " + minutes(disruptionMinutes) + " of a budget of " + minuteBudget + " minutes"
                    + (disruptionMinutes > minuteBudget ? ", over budget." : "."));
        }
        if (unplanned > 0) {
            reasons.add(unplanned + (unplanned == 1 ? " change has" : " changes have")
                    + " no covering change request.");
        }
        if (changeBudget == null && minuteBudget == null) {
            reasons.add(0, "No budget for this host: the figures are for information.");
            return new Decision(Verdict.INFORMATIONAL, reasons);
        }
        return new Decision(over ? Verdict.OVER_BUDGET : Verdict.WITHIN_BUDGET, reasons);
    }

    /** Minutes to one decimal, as everywhere in the report. */
    static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f minutes", minutes);
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
