package changeledger.ingestion.pull;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
        String p = "changeledger.proxmox.hosts.";
        return Map.ofEntries(
                Map.entry("changeledger.proxmox.page-size", "3"),
                Map.entry("changeledger.proxmox.overlap", "PT1H"),
                // no scheduled sync: it would reach the fake in the middle of a test; tests sync through the API
                Map.entry("changeledger.proxmox.sync-interval", "off"),
                Map.entry(p + OK + ".base-url", api.baseUrl()),
                Map.entry(p + OK + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + OK + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + OK + ".fingerprint", api.fingerprint().toLowerCase()),
                Map.entry(p + BAD_PIN + ".base-url", api.baseUrl()),
                Map.entry(p + BAD_PIN + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + BAD_PIN + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + BAD_PIN + ".fingerprint", WRONG_PIN),
                Map.entry(p + BAD_TOKEN + ".base-url", api.baseUrl() + "/"),
                Map.entry(p + BAD_TOKEN + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + BAD_TOKEN + ".token-secret", "not-the-secret"),
                Map.entry(p + BAD_TOKEN + ".fingerprint", api.fingerprint()),
                Map.entry(p + PLAIN_HTTP + ".base-url", api.baseUrl().replace("https://", "http://")),
                Map.entry(p + PLAIN_HTTP + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + PLAIN_HTTP + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + PLAIN_HTTP + ".fingerprint", api.fingerprint()),
                Map.entry(p + EVIDENCE + ".base-url", api.baseUrl()),
                Map.entry(p + EVIDENCE + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + EVIDENCE + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + EVIDENCE + ".fingerprint", api.fingerprint()),
                Map.entry(p + FIXTURE + ".base-url", api.baseUrl()),
                Map.entry(p + FIXTURE + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + FIXTURE + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + FIXTURE + ".fingerprint", api.fingerprint()),
                Map.entry(p + REPLICATION + ".base-url", api.baseUrl()),
                Map.entry(p + REPLICATION + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + REPLICATION + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + REPLICATION + ".fingerprint", api.fingerprint()),
                Map.entry(p + REPLICATION_MONTH + ".base-url", api.baseUrl()),
                Map.entry(p + REPLICATION_MONTH + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + REPLICATION_MONTH + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + REPLICATION_MONTH + ".fingerprint", api.fingerprint()),
                Map.entry(p + REPLICATION_NONE + ".base-url", api.baseUrl()),
                Map.entry(p + REPLICATION_NONE + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(p + REPLICATION_NONE + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(p + REPLICATION_NONE + ".fingerprint", api.fingerprint()));
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
