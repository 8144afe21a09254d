package changeledger.host;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a host is for; it sets the default change policy. */
public enum HostRole {
    /** Stable services (DNS filtering, reverse proxy, ...): changes need requests, budgets apply. */
    INFRASTRUCTURE(new HostPolicy(true, 4, 30), "secured"),
    /** Throw-away guests: no requests, no budget. */
    LAB(new HostPolicy(false, null, null), "homelab");

    private final HostPolicy defaultPolicy;
    private final String defaultZone;

    HostRole(HostPolicy defaultPolicy, String defaultZone) {
        this.defaultPolicy = defaultPolicy;
        this.defaultZone = defaultZone;
    }

    /** The policy a host of this role gets unless it says otherwise. */
    public HostPolicy defaultPolicy() {
        return defaultPolicy;
    }

    /** The network zone assumed for hosts registered before zones were recorded. */
    public String defaultZone() {
        return defaultZone;
    }

    /** The name used in the API. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name. */
    @JsonCreator
    public static HostRole fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown host role '" + value
                        + "': use infrastructure or lab"));
    }
}
