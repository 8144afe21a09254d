package changeledger.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of sections: storage.cfg, firewall {@code *.fw} and {@code /etc/network/interfaces}. */
final class SectionFileParser {

    private static final Pattern HEADER = Pattern.compile("^(\\S+):\\s*(\\S+)\\s*$");
    private static final Pattern PROPERTY = Pattern.compile("^\\s+(\\S+)(\\s+(.*\\S))?\\s*$");
    private static final Pattern FW_SECTION = Pattern.compile(
            "^\\[(options|aliases|rules|group\\s+\\S+|ipset\\s+\\S+)\\]\\s*(?:#.*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FW_OPTION = Pattern.compile("^([a-z][a-z0-9_\\-]*):\\s*(.*\\S)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STANZA = Pattern.compile("^(iface|mapping|auto|allow-\\S+|source|source-directory)"
            + "(\\s+(.*\\S))?\\s*$");

    private SectionFileParser() {
    }

    /**
     * pve-common {@code PVE::SectionConfig::parse_config}: a {@code type: id} header, then indented
     * {@code key value} lines until a blank line. The section is {@code type: id}.
     */
    static void storage(String text, EntryCollector out) {
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                section = null;
                continue;
            }
            Matcher m;
            if (section == null && (m = HEADER.matcher(line)).matches()) {
                section = m.group(1) + ": " + m.group(2);
                out.put(section, "type", m.group(1));
            } else if (section != null && (m = PROPERTY.matcher(line)).matches()) {
                out.put(section, m.group(1), m.group(3) == null ? "1" : m.group(3));
            } else {
                out.fault(i + 1, line, section == null ? "not a 'type: id' section header"
                        : "not an indented 'key value' line");
            }
        }
    }

    /**
     * pve-firewall {@code PVE::Firewall::generic_fw_config_parser}: {@code [OPTIONS]} ({@code key: value}),
     * {@code [ALIASES]} ({@code name cidr}), {@code [RULES]}, {@code [group name]} (rules, keyed by position) and
     * {@code [IPSET name]} (one entry a line).
     */
    static void firewall(String text, EntryCollector out) {
        String section = null;
        int position = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m;
            if ((m = FW_SECTION.matcher(line)).matches()) {
                String[] words = m.group(1).split("\\s+", 2);
                section = words[0].toLowerCase(Locale.ROOT) + (words.length > 1 ? " " + words[1] : "");
                position = 0;
            } else if (section == null) {
                out.fault(i + 1, lines[i], "a line before any [OPTIONS], [ALIASES], [RULES], [group] or [IPSET]");
            } else if (section.equals("options")) {
                if ((m = FW_OPTION.matcher(line)).matches()) {
                    out.put(section, m.group(1), m.group(2));
                } else {
                    out.fault(i + 1, lines[i], "not a 'key: value' option");
                }
            } else if (section.equals("aliases") || section.startsWith("ipset ")) {
                String[] words = line.split("\\s+", 2);
                out.put(section, words[0], words.length > 1 ? words[1] : "");
            } else {
                out.put(section, String.valueOf(++position), line.replaceAll("\\s+", " "));
            }
        }
    }

    /**
     * ifupdown's {@code /etc/network/interfaces} (read by pve-common {@code PVE::INotify::read_etc_network_interfaces}):
     * {@code auto}/{@code allow-*} lines, and {@code iface name family method} stanzas whose option lines follow.
     */
    static void interfaces(String text, EntryCollector out) {
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = STANZA.matcher(line);
            if (m.matches()) {
                String rest = m.group(3) == null ? "" : m.group(3).replaceAll("\\s+", " ");
                if (m.group(1).equals("iface") || m.group(1).equals("mapping")) {
                    String[] words = rest.split(" ", 2);
                    section = m.group(1) + " " + words[0];
                    out.put(section, m.group(1), words.length > 1 ? words[1] : "");
                } else {
                    section = null;
                    for (String name : rest.split(" ")) {
                        out.put(m.group(1), name, "yes");
                    }
                }
            } else if (section != null) {
                String[] words = line.split("\\s+", 2);
                out.put(section, words[0], words.length > 1 ? words[1] : "");
            } else {
                out.fault(i + 1, lines[i], "an option line outside an 'iface' stanza");
            }
        }
    }
}
