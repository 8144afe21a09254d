package changeledger.ingestion.pull;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the fake Proxmox API and configures hosts against it: right, wrong pin, wrong token, plain http, and one
 * for the recorded answer of node {@code pve-infra}, and three whose nodes replicate guests (or do not).
 */
public class FakeProxmoxResource implements QuarkusTestResourceLifecycleManager {

    static final String OK = "pull-ok";
    static final String BAD_PIN = "pull-bad-pin";
    static final String BAD_TOKEN = "pull-bad-token";
    static final String PLAIN_HTTP = "pull-plain-http";
    static final String EVIDENCE = "pull-evidence";
    static final String FIXTURE = "pull-fixture";
    static final String REPLICATION = "pull-replication";
    static final String REPLICATION_MONTH = "pull-replication-month";
    static final String REPLICATION_NONE = "pull-replication-none";
    static final String WRONG_PIN =
            "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    private FakeProxmoxApi api;

    @Override
    public Map<String, String> start() {
        try {
            api = new FakeProxmoxApi();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the fake Proxmox API", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("changeledger.proxmox.page-size", "3");
        config.put("changeledger.proxmox.overlap", "PT1H");
        // no scheduled sync: it would reach the fake in the middle of a test; tests sync through the API
        config.put("changeledger.proxmox.sync-interval", "off");
        String secret = FakeProxmoxApi.TOKEN_SECRET;
        host(config, OK, api.baseUrl(), secret, api.fingerprint().toLowerCase());
        host(config, BAD_PIN, api.baseUrl(), secret, WRONG_PIN);
        host(config, BAD_TOKEN, api.baseUrl() + "/", "not-the-secret", api.fingerprint());
        host(config, PLAIN_HTTP, api.baseUrl().replace("https://", "http://"), secret, api.fingerprint());
        for (String host : new String[] {EVIDENCE, FIXTURE, REPLICATION, REPLICATION_MONTH, REPLICATION_NONE}) {
            host(config, host, api.baseUrl(), secret, api.fingerprint());
        }
        return config;
    }

    /** One host's pull settings against the fake. */
    private static void host(Map<String, String> config, String host, String baseUrl, String tokenSecret,
                             String fingerprint) {
        String prefix = "changeledger.proxmox.hosts." + host + ".";
        config.put(prefix + "base-url", baseUrl);
        config.put(prefix + "token-id", FakeProxmoxApi.TOKEN_ID);
        config.put(prefix + "token-secret", tokenSecret);
        config.put(prefix + "fingerprint", fingerprint);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(api, new TestInjector.MatchesType(FakeProxmoxApi.class));
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
