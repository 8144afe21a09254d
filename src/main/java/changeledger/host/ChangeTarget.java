package changeledger.host;

import changeledger.domain.ProblemException;
import java.util.regex.Pattern;

/**
 * What on a host a change concerns: a guest by its raw id ({@code "101"}), the {@code "node"} itself, a
 * {@code "service:<name>"}, a {@code "storage:<id>"}, {@code "security"} (users, groups, roles, ACLs, tokens, realms,
 * TFA, notification targets, the firewall) or {@code "cluster"} (cluster-wide settings).
 */
public final class ChangeTarget {

    /** The node itself: host-wide changes. */
    public static final String NODE = "node";
    /** Users, permissions, the firewall and notifications: on an infrastructure host only a request for it covers them. */
    public static final String SECURITY = "security";
    /** Cluster-wide settings ({@code datacenter.cfg}, HA, options). */
    public static final String CLUSTER = "cluster";

    private static final Pattern GUEST = Pattern.compile("[0-9]{1,10}");
    private static final Pattern SERVICE = Pattern.compile("service:[A-Za-z0-9][A-Za-z0-9@._-]{0,62}");
    private static final Pattern STORAGE = Pattern.compile("storage:[A-Za-z][A-Za-z0-9._-]{0,62}");

    private ChangeTarget() {
    }

    /** Whether the text is a valid target. */
    public static boolean valid(String target) {
        return target != null && (NODE.equals(target) || SECURITY.equals(target) || CLUSTER.equals(target)
                || GUEST.matcher(target).matches()
                || SERVICE.matcher(target).matches() || STORAGE.matcher(target).matches());
    }

    /** Whether the target is a guest id. */
    public static boolean isGuest(String target) {
        return target != null && GUEST.matcher(target).matches();
    }

    /** The target, checked: 400 naming the field and the forms it takes. */
    public static String require(String field, String target) {
        if (!valid(target)) {
            throw ProblemException.badRequest("Field '" + field + "' is " + (target == null ? "missing" : "'" + target
                    + "'") + ": use a guest id such as \"101\", \"node\", \"service:<name>\" (e.g. service:pveproxy), "
                    + "\"storage:<id>\" (e.g. storage:local-zfs), \"security\" or \"cluster\".");
        }
        return target;
    }
}
