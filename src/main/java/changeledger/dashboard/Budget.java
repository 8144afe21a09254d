package changeledger.dashboard;

import java.util.Locale;

/**
 * One budget bar: what was used against what the policy allows.
 *
 * @param label    what is counted
 * @param used     how much was used
 * @param limit    the budget, or null for none
 * @param percent  the share of the budget used, 0 to 100 (100 when over)
 * @param over     whether the budget is exceeded
 * @param text     the bar in words
 */
public record Budget(String label, double used, Integer limit, double percent, boolean over, String text) {

    /** A bar of {@code used} against {@code limit}. */
    static Budget of(String label, double used, Integer limit, String unit) {
        String amount = used == Math.rint(used) ? Long.toString((long) used) : String.format(Locale.ROOT, "%.1f", used);
        if (limit == null) {
            return new Budget(label, used, null, 0, false, amount + unit + " (no budget)");
        }
        double percent = limit == 0 ? (used > 0 ? 100 : 0) : Math.min(100, used * 100.0 / limit);
        boolean over = used > limit;
        return new Budget(label, used, limit, Math.round(percent * 10) / 10.0, over, amount + " of " + limit + unit
                + (over ? ", over budget" : ""));
    }

    /** Whether a bar is drawn (there is a budget). */
    public boolean bounded() {
        return limit != null;
    }

    /** The bar's colour. */
    public String fill() {
        return over ? "#b3261e" : percent >= 75 ? "#8a5a00" : "#2e7d32";
    }
}
