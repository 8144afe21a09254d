package changeledger.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request size limits. */
@ConfigMapping(prefix = "changeledger.limits")
public interface LimitsConfig {

    /** Largest body of the service's own JSON requests (hosts, keys, change requests, entries), in bytes. */
    @WithDefault("1048576")
    long jsonBodyBytes();

    /** Largest body of an ingestion upload (task files, API JSON, access log), in bytes. */
    @WithDefault("67108864")
    long uploadBytes();

    /**
     * Largest body of a Proxmox notification, in bytes: a backup's message carries up to 1 MiB of task log
     * (pve-manager {@code PVE/VZDump.pm}, {@code MAX_LOG_SIZE}), which JSON escaping can nearly double.
     */
    @WithDefault("4194304")
    long notificationBytes();

    /**
     * Most lines in a text upload (task files, access log), and items in a task list: an upload holds up to
     * 25 bytes of bookkeeping per line or item beyond its body (positions, fault, sort order), so this bounds
     * that to 25 MiB however short the lines.
     */
    @WithDefault("1048576")
    int uploadLines();
}
