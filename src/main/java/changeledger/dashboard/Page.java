package changeledger.dashboard;

/**
 * What every dashboard page shows around its content: the title, the signed-in key and the session's CSRF token.
 *
 * @param title      the page title
 * @param section    the navigation entry to mark as current
 * @param user       the name of the signed-in key
 * @param role       its role
 * @param hosts      the hosts it is limited to, in words
 * @param csrf       the session's CSRF token, for every form
 * @param canSubmit  whether the key may submit requests and entries
 * @param canApprove whether the key may approve
 * @param canAdmin   whether the key may administer (admin for all hosts)
 */
public record Page(String title, String section, String user, String role, String hosts, String csrf,
                   boolean canSubmit, boolean canApprove, boolean canAdmin) {
}
