package changeledger.ingestion.pull;

import changeledger.support.SharedPort;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the fake Proxmox API as a cluster's API and configures two clusters against it, each named afresh per run
 * (so hosts joined in an earlier run are not members): {@code cpull-<id>} whose configured address is down (nothing
 * listens on it) and whose fallback is the fake, pinned by a list of fingerprints; {@code cdead-<id>} whose only
 * address is down. One host, {@link #ALONE}, is also configured on its own.
 */
public class FakeClusterResource implements QuarkusTestResourceLifecycleManager {

    static final String ALONE = "cpull-alone-host";

    private FakeProxmoxApi api;

    @Override
    public Map<String, String> start() {
        try {
            api = new FakeProxmoxApi();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the fake Proxmox API", e);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dead = "https://127.0.0.1:" + SharedPort.of("test.cluster-pull.closed-port");
        String c = "changeledger.proxmox.clusters.";
        String pull = c + "cpull-" + run;
        String gone = c + "cdead-" + run;
        return Map.ofEntries(
                Map.entry("changeledger.proxmox.page-size", "2"),
                Map.entry("changeledger.proxmox.overlap", "PT1H"),
                Map.entry("changeledger.proxmox.timeout", "PT5S"),
                Map.entry("changeledger.proxmox.sync-interval", "off"),
                Map.entry(pull + ".base-url", dead),
                Map.entry(pull + ".fallback-urls", api.baseUrl()),
                Map.entry(pull + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(pull + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(pull + ".fingerprint", FakeProxmoxResource.WRONG_PIN + "," + api.fingerprint()),
                Map.entry(gone + ".base-url", dead),
                Map.entry(gone + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry(gone + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry(gone + ".fingerprint", api.fingerprint()),
                Map.entry("changeledger.proxmox.hosts." + ALONE + ".base-url", api.baseUrl()),
                Map.entry("changeledger.proxmox.hosts." + ALONE + ".token-id", FakeProxmoxApi.TOKEN_ID),
                Map.entry("changeledger.proxmox.hosts." + ALONE + ".token-secret", FakeProxmoxApi.TOKEN_SECRET),
                Map.entry("changeledger.proxmox.hosts." + ALONE + ".fingerprint", api.fingerprint()));
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
