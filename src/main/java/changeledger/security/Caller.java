package changeledger.security;

import java.util.List;
import java.util.Set;

/**
 * The authenticated key behind a request.
 *
 * @param keyId  the key id (stored in event metadata)
 * @param name   the key's name (stored in event metadata)
 * @param role   the key's role
 * @param hosts  the hosts it is limited to; empty means every host
 */
public record Caller(String keyId, String name, Role role, List<String> hosts) {

    /** The id of the bootstrap admin key from CHANGELEDGER_ADMIN_TOKEN. */
    public static final String BOOTSTRAP_KEY_ID = "bootstrap-admin";

    /** Normalises the host list. */
    public Caller {
        hosts = List.copyOf(hosts);
    }

    /** Whether this key may act on the host at all (any role). */
    public boolean covers(String hostId) {
        return hosts.isEmpty() || hosts.contains(hostId);
    }

    /** Whether this key is limited to some hosts. */
    public boolean hostLimited() {
        return !hosts.isEmpty();
    }

    /** The role names this key holds (cumulative). */
    public Set<String> roleNames() {
        return role.grantedRoleNames();
    }
}
