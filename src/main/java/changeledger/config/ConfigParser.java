package changeledger.config;

import changeledger.host.ChangeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Parses the files of a snapshot into entries grouped by target: a guest id for guest configs, {@code node} for the
 * node's files and packages, {@code storage:<id>} per storage definition, {@code security} for user.cfg and the
 * firewall, {@code cluster} for datacenter.cfg. Noise is dropped here: {@code lock}, {@code digest} and
 * {@code parent} (set by snapshots), pending and snapshot sections.
 */
public final class ConfigParser {

    /** Target of the node's own files and packages. */
    public static final String NODE = ChangeTarget.NODE;
    /** Target of users, groups, roles, ACLs, tokens and the firewall. */
    public static final String SECURITY = ChangeTarget.SECURITY;
    /** Target of cluster-wide files. */
    public static final String CLUSTER = ChangeTarget.CLUSTER;

    private ConfigParser() {
    }

    /** The entries of the files ({@code path -> text}), by target and entry id; unparsable lines go to faults. */
    public static Map<String, Map<String, String>> parse(Map<String, String> files, Consumer<LineFault> faults) {
        Map<String, Map<String, String>> targets = new TreeMap<>();
        files.forEach((path, text) -> {
            ConfigKind kind = ConfigKind.of(path).orElseThrow(() -> new IllegalArgumentException(path));
            for (ConfigEntry entry : entries(kind, path, text, faults)) {
                if (noise(kind, entry)) {
                    continue;
                }
                targets.computeIfAbsent(target(kind, path, entry), t -> new TreeMap<>()).put(entry.id(),
                        entry.value());
            }
            kind.guest(path).ifPresent(guest -> targets.computeIfAbsent(guest, t -> new TreeMap<>()));
        });
        return targets;
    }

    /** The entries of one file. */
    static List<ConfigEntry> entries(ConfigKind kind, String path, String text, Consumer<LineFault> faults) {
        EntryCollector out = new EntryCollector(path, faults);
        text = clean(text, out);
        switch (kind) {
            case QEMU, LXC -> GuestConfigParser.parse(text, out);
            case STORAGE -> SectionFileParser.storage(text, out);
            case FIREWALL -> SectionFileParser.firewall(text, out);
            case INTERFACES -> SectionFileParser.interfaces(text, out);
            case USER -> LineFileParser.user(text, out);
            case DATACENTER -> LineFileParser.colonKeys(text, out);
            case HOSTS, RESOLV -> LineFileParser.words(text, out);
            case PACKAGES -> LineFileParser.packages(text, out);
            default -> throw new IllegalStateException(kind.name());
        }
        return new ArrayList<>(out.entries());
    }

    /** The text with CRs before line ends dropped and lines holding control characters blanked (and refused). */
    private static String clean(String text, EntryCollector out) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                out.fault(i + 1, line.replaceAll("\\p{Cntrl}", "\uFFFD"), "holds a control character");
                line = "";
            }
            lines[i] = line;
        }
        return String.join("\n", lines);
    }

    private static boolean noise(ConfigKind kind, ConfigEntry entry) {
        return (kind == ConfigKind.QEMU || kind == ConfigKind.LXC) && entry.section().isEmpty()
                && (entry.key().equals("lock") || entry.key().equals("digest") || entry.key().equals("parent"));
    }

    private static String target(ConfigKind kind, String path, ConfigEntry entry) {
        return switch (kind) {
            case QEMU, LXC -> kind.guest(path).orElseThrow();
            case STORAGE -> "storage:" + entry.section().substring(entry.section().indexOf(": ") + 2);
            case USER, FIREWALL -> SECURITY;
            case DATACENTER -> CLUSTER;
            default -> NODE;
        };
    }
}
