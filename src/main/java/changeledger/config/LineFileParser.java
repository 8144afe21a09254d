package changeledger.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of one entry per line: user.cfg, datacenter.cfg, /etc/hosts, /etc/resolv.conf and dpkg-query output. */
final class LineFileParser {

    private static final Pattern COLON_KEY = Pattern.compile("^(\\S+?):\\s*(.*)$");
    private static final Pattern WORDS = Pattern.compile("^(\\S+)\\s+(.*\\S)\\s*$");
    private static final Pattern USER_TYPES = Pattern.compile("user|group|role|acl|pool|token");

    private LineFileParser() {
    }

    /**
     * pve-access-control {@code PVE::AccessControl::parse_user_config}: {@code type:field:field...} lines (fields
     * trimmed). The section is the type; the key is the entry's id ({@code acl}: its path and user or group).
     */
    static void user(String text, EntryCollector out) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(":", -1);
            for (int f = 0; f < fields.length; f++) {
                fields[f] = fields[f].strip();
            }
            if (!USER_TYPES.matcher(fields[0]).matches() || fields.length < 2 || fields[1].isEmpty()) {
                out.fault(i + 1, lines[i], "not a user.cfg entry (user:, group:, role:, acl:, pool: or token: "
                        + "followed by its id)");
                continue;
            }
            if (fields[0].equals("acl") && fields.length >= 5) {
                // acl:<propagate>:<path>:<users and groups>:<roles>
                out.put("acl", fields[2] + " " + fields[3], "propagate=" + fields[1] + " roles=" + fields[4]);
            } else {
                out.put(fields[0], fields[1], String.join(":", java.util.Arrays.copyOfRange(fields, 2,
                        fields.length)));
            }
        }
    }

    /** pve-common {@code PVE::JSONSchema::parse_config}: trimmed {@code key: value} lines, {@code #} comments. */
    static void colonKeys(String text, EntryCollector out) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = COLON_KEY.matcher(line);
            if (m.matches()) {
                out.put("", m.group(1), m.group(2));
            } else {
                out.fault(i + 1, lines[i], "not a 'key: value' line");
            }
        }
    }

    /**
     * Whitespace-separated lines keyed by their first word ({@code /etc/hosts}: the address; {@code resolv.conf}:
     * {@code search}, {@code nameserver}...); {@code #} (and {@code ;} in resolv.conf) start comments.
     */
    static void words(String text, EntryCollector out) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int comment = line.indexOf('#');
            line = comment >= 0 ? line.substring(0, comment).strip() : line;
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            Matcher m = WORDS.matcher(line);
            if (m.matches()) {
                out.put("", m.group(1), m.group(2).replaceAll("\\s+", " "));
            } else {
                out.fault(i + 1, lines[i], "a key without a value");
            }
        }
    }

    /** {@code dpkg-query -W}: {@code name<TAB>version} lines (the version is empty for a package not installed). */
    static void packages(String text, EntryCollector out) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.indexOf('\t', tab + 1) >= 0) {
                out.fault(i + 1, line, "not a 'name<TAB>version' line of dpkg-query -W");
                continue;
            }
            out.put("", line.substring(0, tab), line.substring(tab + 1).strip());
        }
    }
}
