package changeledger.projection;

import java.util.Set;

/**
 * What moves a guest to another node of its cluster (ADR 0065): the task types that Proxmox's migrate calls fork on the
 * source node (qemu-server {@code src/PVE/API2/Qemu.pm} {@code migrate_vm}: {@code qmigrate}; pve-container
 * {@code src/PVE/API2/LXC.pm} {@code migrate_vm}: {@code vzmigrate}). An HA migration ({@code hamigrate}) is only the
 * request: the HA manager's resource agent runs the real one of these on the source; an HA relocation is no task of
 * its own (a shutdown task, an offline migration, a start on the target). The UPID names the source node alone: the
 * target is known from the guest's next sighting on another host of the cluster.
 */
public final class Migrations {

    /** The task types of a guest's migration, as run on the source node. */
    public static final Set<String> GUEST_MIGRATIONS = Set.of("qmigrate", "vzmigrate");

    private Migrations() {
    }
}
