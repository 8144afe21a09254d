package changeledger.ingestion.pull;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Proxmox API pull connector. Secrets come from the environment or a file, never from events. */
@ConfigMapping(prefix = "changeledger.proxmox")
public interface ProxmoxPullConfig {

    /** How often every configured host is synced (a Quarkus scheduler expression, e.g. {@code 5m}). */
    @WithDefault("5m")
    String syncInterval();

    /** How far each sync reaches back before the last one, so long tasks that finish later are seen. */
    @WithDefault("PT6H")
    Duration overlap();

    /** How far the first sync of a host reaches back. */
    @WithDefault("P30D")
    Duration initialLookback();

    /** Tasks per API page ({@code limit}). */
    @WithDefault("500")
    int pageSize();

    /**
     * How far past its {@code next_sync} a replication job may be at a reading before it counts as lagging (ADR 0066):
     * about one pull interval, so that a run Proxmox starts late by a scheduler tick is not a lag.
     */
    @WithDefault("PT15M")
    Duration replicationGrace();

    /** Connect and request timeout. */
    @WithDefault("PT20S")
    Duration timeout();

    /** Per host id: how to reach its Proxmox API. */
    Map<String, HostApi> hosts();

    /**
     * Per cluster name: one API for the whole cluster (ADR 0064). Its members are the hosts whose {@code cluster} is
     * that name; a member is not also pulled on its own.
     */
    Map<String, ClusterApi> clusters();

    /**
     * A cluster's API: any member's address, the others as fallbacks, one read-only token. {@code fingerprint} may
     * list one SHA-256 fingerprint per node, separated by commas (each node has its own certificate), or
     * {@code ca-file} names the cluster's CA ({@code /etc/pve/pve-root-ca.pem}), which signed every node's.
     */
    interface ClusterApi extends HostApi {

        /** The other members' base URLs, tried in order when the ones before cannot be reached. */
        Optional<List<String>> fallbackUrls();
    }

    /** One host's API. */
    interface HostApi {

        /** Base URL, e.g. {@code https://pve-infra.lan:8006}. */
        String baseUrl();

        /** API token id, {@code USER@REALM!TOKENID} (least privilege: PVEAuditor). */
        String tokenId();

        /** The token secret (e.g. from env CHANGELEDGER_PROXMOX_HOSTS__INFRA__TOKEN_SECRET). */
        Optional<String> tokenSecret();

        /** A file holding the token secret (preferred over {@code token-secret}). */
        Optional<String> tokenSecretFile();

        /** The pinned SHA-256 fingerprint of the node's certificate, {@code AA:BB:...}. */
        Optional<String> fingerprint();

        /** A PEM file with the CA that signed the node's certificate (instead of a fingerprint). */
        Optional<String> caFile();
    }
}
