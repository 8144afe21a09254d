package changeledger.host;

/**
 * How strictly changes on a host are governed.
 *
 * @param requireChangeRequests    whether a change without a covering approved request is unplanned
 * @param monthlyChangeBudget      changes allowed per month; null means no budget
 * @param monthlyDisruptionMinutes disruption minutes allowed per month; null means no budget
 */
public record HostPolicy(boolean requireChangeRequests, Integer monthlyChangeBudget,
                         Integer monthlyDisruptionMinutes) {

    /** Budgets cannot be negative. */
    public HostPolicy {
        if (monthlyChangeBudget != null && monthlyChangeBudget < 0) {
            throw new IllegalArgumentException("monthlyChangeBudget must be 0 or more, or null for no budget");
        }
        if (monthlyDisruptionMinutes != null && monthlyDisruptionMinutes < 0) {
            throw new IllegalArgumentException("monthlyDisruptionMinutes must be 0 or more, or null for no budget");
        }
    }
}
