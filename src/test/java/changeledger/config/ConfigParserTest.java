package changeledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.ProxmoxFixtures;
import changeledger.support.PveFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files of PveFiles (formats cited there) parse into the entries Proxmox's own parsers would read. */
class ConfigParserTest {

    private final List<LineFault> faults = new ArrayList<>();

    private Map<String, String> target(String name) {
        Map<String, Map<String, String>> targets = ConfigParser.parse(PveFiles.node(), faults::add);
        assertThat(faults).isEmpty();
        return targets.get(name);
    }

    private static String id(String file, String section, String key) {
        return new ConfigEntry(file, section, key, null).id();
    }

    @Test
    void givenStorageCfg_thenOneTargetPerSectionWithFlagsAsOne() {
        Map<String, String> zfs = target("storage:local-zfs");
        assertThat(zfs).containsEntry(id("etc/pve/storage.cfg", "zfspool: local-zfs", "pool"), "rpool/data")
                .containsEntry(id("etc/pve/storage.cfg", "zfspool: local-zfs", "sparse"), "1")
                .containsEntry(id("etc/pve/storage.cfg", "zfspool: local-zfs", "type"), "zfspool").hasSize(4);
    }

    @Test
    void givenUserCfgAndFirewall_thenSecurityEntriesKeyedByIdAndRulesByPosition() {
        Map<String, String> security = target("security");
        assertThat(security).containsEntry(id("etc/pve/user.cfg", "acl", "/ @admins"),
                        "propagate=1 roles=Administrator")
                .containsEntry(id("etc/pve/user.cfg", "user", "alice@pve"), "1:0:Alice:Doe:alice@example.com:::")
                .containsEntry(id("etc/pve/firewall/cluster.fw", "options", "enable"), "1")
                .containsEntry(id("etc/pve/firewall/cluster.fw", "rules", "1"),
                        "IN SSH(ACCEPT) -i vmbr0 -source 192.0.2.0/24 -log nolog");
    }

    @Test
    void givenNodeFiles_thenStanzasHostsResolvAndPackages() {
        Map<String, String> node = target("node");
        assertThat(node).containsEntry(id("etc/network/interfaces", "iface vmbr0", "address"), "192.0.2.5/24")
                .containsEntry(id("etc/network/interfaces", "iface vmbr0", "iface"), "inet static")
                .containsEntry(id("etc/network/interfaces", "auto", "vmbr0"), "yes")
                .containsEntry(id("etc/hosts", "", "192.0.2.5"), "pve-infra.example.com pve-infra")
                .containsEntry(id("etc/resolv.conf", "", "nameserver"), "192.0.2.1")
                .containsEntry(id("packages.txt", "", "pve-manager"), "8.3.2");
    }

    @Test
    void givenGuestConfig_thenSnapshotSectionsParentAndLockLeftOut() {
        Map<String, String> guest = target("101");
        assertThat(guest).containsEntry(id("etc/pve/qemu-server/101.conf", "", "memory"), "2048")
                .doesNotContainKey(id("etc/pve/qemu-server/101.conf", "", "parent"))
                .doesNotContainKey(id("etc/pve/qemu-server/101.conf", "", "snaptime")).hasSize(13);
        assertThat(target("102")).containsEntry(id("etc/pve/lxc/102.conf", "", "lxc.apparmor.profile"),
                "unconfined");
    }

    @Test
    void givenDescriptionCommentsAndAControlCharacter_thenDescriptionJoinedAndTheLineRefused() {
        Map<String, Map<String, String>> targets = ConfigParser.parse(Map.of("etc/pve/qemu-server/7.conf",
                "#first line\n#second\ncores: 1\nname: a\u0001b\n"), faults::add);
        assertThat(targets.get("7")).containsEntry(id("etc/pve/qemu-server/7.conf", "", "description"),
                "first line\nsecond").containsEntry(id("etc/pve/qemu-server/7.conf", "", "cores"), "1").hasSize(2);
        assertThat(faults).extracting(LineFault::lineNumber).containsExactly(4);
    }

    @Test
    void givenTheFixtureGuestConfigs_thenTheirMainSectionsOnly_pendingAndSnapshotValuesLeftOut() {
        Map<String, Map<String, String>> targets =
                ConfigParser.parse(ProxmoxFixtures.nodeWithGuests("taken"), faults::add);
        assertThat(faults).isEmpty();
        String qemu = "etc/pve/qemu-server/110.conf";
        assertThat(targets.get("110")).containsEntry(id(qemu, "", "memory"), "4096")
                .containsEntry(id(qemu, "", "meta"), "creation-qemu=9.0.2,ctime=1761134400")
                .containsEntry(id(qemu, "", "boot"), "order=scsi0;ide2;net0")
                .containsEntry(id(qemu, "", "description"), "Gitea for the infrastructure repositories\n"
                        + "Owner%3A infra team, restart only in the Tuesday window")
                .doesNotContainKey(id(qemu, "", "parent")).doesNotContainKey(id(qemu, "", "snaptime"))
                .hasSize(19);
        String lxc = "etc/pve/lxc/111.conf";
        assertThat(targets.get("111")).containsEntry(id(lxc, "", "features"), "nesting=1")
                .containsEntry(id(lxc, "", "hostname"), "unbound")
                .containsEntry(id(lxc, "", "net0"), "name=eth0,bridge=vmbr0,firewall=1,gw=192.0.2.1,"
                        + "hwaddr=BC:24:11:7A:21:0F,ip=192.0.2.53/24,type=veth")
                .doesNotContainKey(id(lxc, "", "snaptime")).hasSize(14);
    }
}
