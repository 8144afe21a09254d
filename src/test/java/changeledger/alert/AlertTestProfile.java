package changeledger.alert;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * Alert rules of every kind the processor decides, to targets of each type on the local {@link AlertReceiver};
 * delivery runs when a test calls it (no schedule), with short backoffs.
 */
public class AlertTestProfile implements QuarkusTestProfile {

    /** The host only the flaky rule watches. */
    static final String FLAKY_HOST = "alert-flaky";
    /** The host only the restart rule watches. */
    static final String RESTART_HOST = "alert-restart";
    /** The host only the budget rule watches. */
    static final String BUDGET_HOST = "alert-budget";
    /** The host only the sync rule watches. */
    static final String SYNC_HOST = "alert-sync";
    /** The webhook's signing secret. */
    static final String HMAC_SECRET = "webhook-signing-secret-for-tests";
    /** The Gotify application token. */
    static final String GOTIFY_TOKEN = "AgotifyAppToken1";
    /** The ntfy access token. */
    static final String NTFY_TOKEN = "tk_ntfytesttoken000000000000000";

    @Override
    public Map<String, String> getConfigOverrides() {
        String p = "changeledger.alerts.";
        Map<String, String> config = new HashMap<>();
        config.put(p + "delivery-interval", "off");
        config.put(p + "condition-interval", "off");
        config.put(p + "initial-backoff", "10ms");
        config.put(p + "max-backoff", "40ms");
        config.put(p + "timeout", "2s");
        config.put(p + "public-url", "https://ledger.example/");
        target(config, "hook", "webhook", "/hook");
        config.put(p + "targets.hook.hmac-secret", HMAC_SECRET);
        target(config, "ntfy", "ntfy", "/ntfy/cl-alerts");
        config.put(p + "targets.ntfy.token", NTFY_TOKEN);
        target(config, "gotify", "gotify", "/gotify");
        config.put(p + "targets.gotify.token", GOTIFY_TOKEN);
        target(config, "flaky", "webhook", "/flaky");
        target(config, "restart", "webhook", "/restart");
        rule(config, "failed", "failed-task", "hook,ntfy,gotify");
        rule(config, "security", "security-change", "hook");
        rule(config, "unplanned", "unplanned-change", "hook");
        rule(config, "disruption", "disruption", "hook");
        rule(config, "burst", "burst", "hook");
        config.put(p + "rules.burst.burst-count", "2");
        config.put(p + "rules.burst.burst-window", "10m");
        rule(config, "gap", "evidence-gap", "hook");
        rule(config, "flaky", "failed-task", "flaky");
        config.put(p + "rules.flaky.hosts", FLAKY_HOST);
        rule(config, "restart", "failed-task", "restart");
        config.put(p + "rules.restart.hosts", RESTART_HOST);
        rule(config, "budget", "over-budget", "hook");
        config.put(p + "rules.budget.hosts", BUDGET_HOST);
        rule(config, "sync", "sync-failing", "hook");
        config.put(p + "rules.sync.hosts", SYNC_HOST);
        config.put(p + "rules.sync.sync-bound", "30m");
        rule(config, "seal", "seal-broken", "hook");
        rule(config, "zones", "mixed-zones", "hook");
        // nothing listens on the sync host's API port: every pull fails
        String api = "changeledger.proxmox.hosts." + SYNC_HOST + ".";
        config.put("changeledger.proxmox.sync-interval", "off");
        config.put(api + "base-url", "https://127.0.0.1:1");
        config.put(api + "token-id", "audit@pve!ledger");
        config.put(api + "token-secret", "00000000-0000-0000-0000-000000000000");
        config.put(api + "fingerprint", String.join(":", java.util.Collections.nCopies(32, "AB")));
        return config;
    }

    private static void target(Map<String, String> config, String name, String type, String path) {
        config.put("changeledger.alerts.targets." + name + ".type", type);
        config.put("changeledger.alerts.targets." + name + ".url", AlertReceiver.url(path));
    }

    private static void rule(Map<String, String> config, String name, String on, String targets) {
        config.put("changeledger.alerts.rules." + name + ".on", on);
        config.put("changeledger.alerts.rules." + name + ".targets", targets);
    }
}
