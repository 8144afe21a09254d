package changeledger.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Files as a Proxmox VE 8 node holds them, at their paths without the leading {@code /}. The formats follow
 * Proxmox's own parsers (none invented):
 * <ul>
 *   <li>guest configs: proxmox/qemu-server {@code src/PVE/QemuServer.pm} ({@code parse_vm_config}: {@code key: value},
 *       {@code [PENDING]}, {@code [special:cloudinit]}, {@code [snapshot]} sections, {@code #} description) and
 *       proxmox/pve-container {@code src/PVE/LXC/Config.pm} ({@code parse_pct_config}, {@code lxc.*} keys);</li>
 *   <li>{@code storage.cfg}: proxmox/pve-common {@code src/PVE/SectionConfig.pm} ({@code parse_config},
 *       {@code parse_section_header}: {@code type: id}, then tab-indented {@code key value});</li>
 *   <li>{@code user.cfg}: proxmox/pve-access-control {@code src/PVE/AccessControl.pm} ({@code parse_user_config}:
 *       {@code user:}, {@code group:}, {@code token:}, {@code acl:propagate:path:ugs:roles:} lines);</li>
 *   <li>{@code datacenter.cfg}: proxmox/pve-common {@code src/PVE/JSONSchema.pm} ({@code parse_config});</li>
 *   <li>{@code firewall/*.fw}: proxmox/pve-firewall {@code src/PVE/Firewall.pm} ({@code generic_fw_config_parser});</li>
 *   <li>{@code /etc/network/interfaces}, {@code /etc/hosts}, {@code /etc/resolv.conf}: proxmox/pve-common
 *       {@code src/PVE/INotify.pm} ({@code read_etc_network_interfaces}, {@code read_etc_hosts},
 *       {@code read_etc_resolv_conf});</li>
 *   <li>{@code packages.txt}: {@code dpkg-query -W} (default format {@code ${binary:Package}\t${Version}}).</li>
 * </ul>
 */
public final class PveFiles {

    /** QEMU guest 101 with a cloud-init password, a snapshot section and the {@code parent} it sets. */
    public static final String QEMU_101 = """
            boot: order=scsi0;net0
            cipassword: $5$q1n9$Vn0yHdB9bXjz0vO3GkS0e7VZpR0Kc2nC7m2Xo1HqM8A
            ciuser: admin
            cores: 2
            memory: 2048
            meta: creation-qemu=8.1.5,ctime=1730000000
            name: pihole
            net0: virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,firewall=1
            ostype: l26
            parent: before-upgrade
            scsi0: local-zfs:vm-101-disk-0,iothread=1,size=32G
            scsihw: virtio-scsi-single
            smbios1: uuid=5f0e9a2e-1111-4c2b-9d7c-0123456789ab
            vmgenid: 0b8c2f4e-2222-4a1d-8e7f-0123456789ab

            [before-upgrade]
            boot: order=scsi0;net0
            cores: 1
            memory: 1024
            meta: creation-qemu=8.1.5,ctime=1730000000
            name: pihole
            snaptime: 1730100000
            """;

    /** LXC container 102. */
    public static final String LXC_102 = """
            arch: amd64
            cores: 1
            features: nesting=1
            hostname: unbound
            memory: 512
            net0: name=eth0,bridge=vmbr0,hwaddr=BC:24:11:DD:EE:FF,ip=dhcp,type=veth
            ostype: debian
            rootfs: local-zfs:subvol-102-disk-0,size=8G
            swap: 512
            unprivileged: 1
            lxc.apparmor.profile: unconfined
            """;

    /** Storage definitions. */
    public static final String STORAGE = """
            dir: local
            \tpath /var/lib/vz
            \tcontent iso,vztmpl,backup

            zfspool: local-zfs
            \tpool rpool/data
            \tsparse
            \tcontent images,rootdir

            pbs: backup
            \tdatastore store1
            \tserver 192.0.2.10
            \tcontent backup
            \tfingerprint 6b:3c:1f:aa:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb
            \tusername backup@pbs
            """;

    /** Users, a token, a group and an ACL. */
    public static final String USER = """
            user:root@pam:1:0:::root@example.com:::
            user:alice@pve:1:0:Alice:Doe:alice@example.com:::
            token:root@pam!ci:0:1::
            group:admins:alice@pve::

            acl:1:/:@admins:Administrator:
            """;

    /** Cluster-wide options. */
    public static final String DATACENTER = """
            keyboard: en-us
            migration: secure,network=10.0.0.0/24
            """;

    /** The cluster firewall. */
    public static final String CLUSTER_FW = """
            [OPTIONS]

            enable: 1

            [RULES]

            IN SSH(ACCEPT) -i vmbr0 -source 192.0.2.0/24 -log nolog
            """;

    /** The node's network. */
    public static final String INTERFACES = """
            auto lo
            iface lo inet loopback

            iface eno1 inet manual

            auto vmbr0
            iface vmbr0 inet static
            \taddress 192.0.2.5/24
            \tgateway 192.0.2.1
            \tbridge-ports eno1
            \tbridge-stp off
            \tbridge-fd 0

            source /etc/network/interfaces.d/*
            """;

    /** Host names. */
    public static final String HOSTS = """
            127.0.0.1 localhost.localdomain localhost
            192.0.2.5 pve-infra.example.com pve-infra
            """;

    /** DNS. */
    public static final String RESOLV = """
            search example.com
            nameserver 192.0.2.1
            """;

    /** Installed packages. */
    public static final String PACKAGES = "pve-manager\t8.3.2\nproxmox-ve\t8.3.0\nqemu-server\t8.3.3\n";

    private PveFiles() {
    }

    /** Every file of a node with guests 101 (QEMU) and 102 (LXC), in a fresh map the caller may change. */
    public static Map<String, String> node() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("etc/pve/qemu-server/101.conf", QEMU_101);
        files.put("etc/pve/lxc/102.conf", LXC_102);
        files.put("etc/pve/storage.cfg", STORAGE);
        files.put("etc/pve/user.cfg", USER);
        files.put("etc/pve/datacenter.cfg", DATACENTER);
        files.put("etc/pve/firewall/cluster.fw", CLUSTER_FW);
        files.put("etc/network/interfaces", INTERFACES);
        files.put("etc/hosts", HOSTS);
        files.put("etc/resolv.conf", RESOLV);
        files.put("packages.txt", PACKAGES);
        return files;
    }
}
