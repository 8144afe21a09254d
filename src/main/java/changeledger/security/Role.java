package changeledger.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The role of an API key. Roles up to admin are cumulative; ingester and notifier stand apart: an ingester uploads a
 * host's records, a notifier may only post its Proxmox notifications (ADR 0051).
 */
public enum Role {
    READER, SUBMITTER, APPROVER, ADMIN, INGESTER, NOTIFIER;

    /** Role names as used in {@code @RolesAllowed}. */
    public static final String READ = "reader";
    /** Submitter role name. */
    public static final String SUBMIT = "submitter";
    /** Approver role name. */
    public static final String APPROVE = "approver";
    /** Admin role name. */
    public static final String ADMINISTER = "admin";
    /** Ingester role name. */
    public static final String INGEST = "ingester";
    /** Notifier role name. */
    public static final String NOTIFY = "notifier";

    /** The name used in the API and in {@code @RolesAllowed}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, naming the valid ones when it is unknown. */
    @JsonCreator
    public static Role fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + value
                        + "': use reader, submitter, approver, admin, ingester or notifier"));
    }

    /**
     * Whether the role stands apart and writes for named hosts only (ingester, notifier): its key must name its hosts,
     * and it cannot sign in to the dashboard.
     */
    public boolean boundToHosts() {
        return this == INGESTER || this == NOTIFIER;
    }

    /** This role and every role it includes. */
    public Set<String> grantedRoleNames() {
        Set<String> granted = new LinkedHashSet<>();
        if (boundToHosts()) {
            granted.add(wireName());
            return granted;
        }
        for (Role role : values()) {
            if (!role.boundToHosts() && role.ordinal() <= ordinal()) {
                granted.add(role.wireName());
            }
        }
        return granted;
    }
}
