package changeledger.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a snapshot may hold (DESIGN "HTTP contract", {@code /ingest/config}), each with its format and the target
 * its values concern. Anything else, and everything under {@code etc/pve/priv/}, is refused.
 */
public enum ConfigKind {

    /** {@code etc/pve/qemu-server/<vmid>.conf}: qemu-server {@code PVE::QemuServer::parse_vm_config}. */
    QEMU("etc/pve/qemu-server/([0-9]{1,10})\\.conf"),
    /** {@code etc/pve/lxc/<vmid>.conf}: pve-container {@code PVE::LXC::Config::parse_pct_config}. */
    LXC("etc/pve/lxc/([0-9]{1,10})\\.conf"),
    /** {@code etc/pve/storage.cfg}: pve-common {@code PVE::SectionConfig::parse_config}. */
    STORAGE("etc/pve/storage\\.cfg"),
    /** {@code etc/pve/user.cfg}: pve-access-control {@code PVE::AccessControl::parse_user_config}. */
    USER("etc/pve/user\\.cfg"),
    /** {@code etc/pve/datacenter.cfg}: pve-common {@code PVE::JSONSchema::parse_config}. */
    DATACENTER("etc/pve/datacenter\\.cfg"),
    /** {@code etc/pve/firewall/*.fw}: pve-firewall {@code PVE::Firewall::generic_fw_config_parser}. */
    FIREWALL("etc/pve/firewall/([A-Za-z0-9._-]{1,64})\\.fw"),
    /** {@code etc/network/interfaces}: ifupdown stanzas, as pve-common {@code PVE::INotify} reads them. */
    INTERFACES("etc/network/interfaces"),
    /** {@code etc/hosts}: {@code address name...} lines ({@code PVE::INotify::read_etc_hosts}). */
    HOSTS("etc/hosts"),
    /** {@code etc/resolv.conf}: {@code search}/{@code nameserver} lines ({@code PVE::INotify::read_etc_resolv_conf}). */
    RESOLV("etc/resolv\\.conf"),
    /** {@code packages.txt}: {@code dpkg-query -W} output, {@code name<TAB>version} lines. */
    PACKAGES("packages\\.txt");

    private final Pattern path;

    ConfigKind(String path) {
        this.path = Pattern.compile(path);
    }

    /** The kind of a pushed path, empty when the path is not one a snapshot may hold. */
    public static Optional<ConfigKind> of(String path) {
        if (path.startsWith("etc/pve/priv/")) {
            return Optional.empty();
        }
        for (ConfigKind kind : values()) {
            if (kind.path.matcher(path).matches()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The guest id of a guest config path, else empty. */
    public Optional<String> guest(String file) {
        if (this != QEMU && this != LXC) {
            return Optional.empty();
        }
        Matcher matcher = path.matcher(file);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The paths a snapshot may hold, for problem details. */
    public static String documented() {
        return "etc/pve/qemu-server/<vmid>.conf, etc/pve/lxc/<vmid>.conf, etc/pve/storage.cfg, etc/pve/user.cfg, "
                + "etc/pve/datacenter.cfg, etc/pve/firewall/<name>.fw, etc/network/interfaces, etc/hosts, "
                + "etc/resolv.conf and packages.txt";
    }
}
