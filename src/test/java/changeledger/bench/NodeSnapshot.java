package changeledger.bench;

import changeledger.support.PveFiles;
import changeledger.support.Tars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's configuration as the collector pushes it to {@code POST /api/v1/hosts/{id}/ingest/config}: the node's own
 * files of {@link PveFiles} and {@value #GUESTS} guests (VMIDs 100 to 199, three QEMU VMs to one container, each
 * file shaped as Proxmox writes it), of which {@link #changeOne} changes one value at a time.
 */
final class NodeSnapshot {

    /** Guests on the node. */
    static final int GUESTS = 100;

    /** The node's targets besides its guests: node, security, cluster and three storages (see {@link PveFiles}). */
    static final int NODE_TARGETS = 6;

    /** A changed value: the guest's {@code memory} from {@code before} to {@code after}. */
    record Change(String guest, String before, String after) {
    }

    private final Map<String, String> files = new LinkedHashMap<>();
    private final int[] memory = new int[GUESTS];
    private int changes;

    /** The node with every guest at its first memory size. */
    NodeSnapshot() {
        files.putAll(PveFiles.node());
        files.remove("etc/pve/qemu-server/101.conf");
        files.remove("etc/pve/lxc/102.conf");
        for (int i = 0; i < GUESTS; i++) {
            memory[i] = container(i) ? 512 : 1024 * (1 + i % 8);
            files.put(path(i), guest(i));
        }
    }

    /** Targets the snapshot holds: one per guest and the node's own. */
    int targets() {
        return GUESTS + NODE_TARGETS;
    }

    /** Files in the snapshot. */
    int files() {
        return files.size();
    }

    /** The snapshot as a tar, as the collector sends it. */
    byte[] tar() {
        return Tars.of(files);
    }

    /** Changes the memory of the next guest in a fixed walk over all of them (by 256 MiB) and says what changed. */
    Change changeOne() {
        int i = (changes++ * 37) % GUESTS;
        String before = Integer.toString(memory[i]);
        memory[i] += 256;
        files.put(path(i), guest(i));
        return new Change(Integer.toString(vmid(i)), before, Integer.toString(memory[i]));
    }

    private static boolean container(int i) {
        return i % 4 == 3;
    }

    private static int vmid(int i) {
        return 100 + i;
    }

    private static String path(int i) {
        return (container(i) ? "etc/pve/lxc/" : "etc/pve/qemu-server/") + vmid(i) + ".conf";
    }

    /** Guest {@code i}'s file: the {@link PveFiles} guest of its kind with its own id, name, addresses and memory. */
    private String guest(int i) {
        int id = vmid(i);
        String mac = String.format("%02X:%02X", id / 256, id % 256);
        if (container(i)) {
            return PveFiles.LXC_102.replace("hostname: unbound", "hostname: ct" + id)
                    .replace("memory: 512", "memory: " + memory[i])
                    .replace("EE:FF", mac).replace("subvol-102-disk-0", "subvol-" + id + "-disk-0");
        }
        // the first memory line is the guest's own; the snapshot section below keeps its value
        return PveFiles.QEMU_101.replace("name: pihole", "name: vm" + id)
                .replaceFirst("(?m)^memory: 2048$", "memory: " + memory[i])
                .replace("BB:CC", mac).replace("vm-101-disk-0", "vm-" + id + "-disk-0")
                .replace("0123456789ab", String.format("%012d", id));
    }
}
