package changeledger.host;

import changeledger.domain.ProblemException;
import java.util.regex.Pattern;

/**
 * What on a host a change concerns: a guest by its raw id ({@code "101"}), the {@code "node"} itself, a
 * {@code "service:<name>"} or a {@code "storage:<id>"}.
 */
public final class ChangeTarget {

    /** The node itself: host-wide changes. */
    public static final String NODE = "node";

    private static final Pattern GUEST = Pattern.compile("[0-9]{1,10}");
    private static final Pattern SERVICE = Pattern.compile("service:[A-Za-z0-9][A-Za-z0-9@._-]{0,62}");
    private static final Pattern STORAGE = Pattern.compile("storage:[A-Za-z][A-Za-z0-9._-]{0,62}");

    private ChangeTarget() {
    }

    /** Whether the text is a valid target. */
    public static boolean valid(String target) {
        return target != null && (NODE.equals(target) || GUEST.matcher(target).matches()
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
                    + "'") + ": use a guest id such as \"101\", \"node\", \"service:<name>\" (e.g. service:pveproxy) "
                    + "or \"storage:<id>\" (e.g. storage:local-zfs).");
        }
        return target;
    }
}
