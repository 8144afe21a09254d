package changeledger.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guest configs, read as qemu-server {@code PVE::QemuServer::parse_vm_config} and pve-container
 * {@code PVE::LXC::Config::parse_pct_config} read them: {@code key: value} lines, {@code #} lines as the
 * description, {@code [PENDING]} / {@code [pve:pending]} values not applied yet, {@code [special:...]} sections, and
 * {@code [name]} snapshot sections. Pending and snapshot values are noise, not drift, and are skipped.
 */
final class GuestConfigParser {

    private static final Pattern PENDING = Pattern.compile("^\\[(PENDING|pve:pending)\\]\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SPECIAL = Pattern.compile("^\\[special:(cloudinit|fleecing)\\]\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SNAPSHOT = Pattern.compile("^\\[([a-z][a-z0-9_\\-]+)\\]\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UNKNOWN_SECTION = Pattern.compile("^\\[([^\\]]*)\\]\\s*$");
    private static final Pattern DESCRIPTION = Pattern.compile("^description:\\s*(.*\\S)\\s*$");
    private static final Pattern RAW_LXC = Pattern.compile("^(lxc\\.[a-z0-9_\\-.]+)(:|\\s*=)\\s*(.*?)\\s*$");
    private static final Pattern DELETE = Pattern.compile("^delete:\\s*(.*\\S)\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([a-z][a-z_\\-]*\\d*):\\s*(.+?)\\s*$");

    private GuestConfigParser() {
    }

    static void parse(String text, EntryCollector out) {
        String section = "";
        boolean kept = true;
        StringBuilder description = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            Matcher m;
            if (PENDING.matcher(line).matches() || SNAPSHOT.matcher(line).matches() && !SPECIAL.matcher(line)
                    .matches()) {
                description = finish(out, section, description, kept);
                kept = false;
                continue;
            }
            if ((m = SPECIAL.matcher(line)).matches()) {
                description = finish(out, section, description, kept);
                section = "special:" + m.group(1).toLowerCase(java.util.Locale.ROOT);
                kept = true;
                continue;
            }
            if (UNKNOWN_SECTION.matcher(line).matches()) {
                description = finish(out, section, description, kept);
                kept = false;
                out.fault(i + 1, line, "unknown section (a guest config has [PENDING], [special:...] and "
                        + "snapshot sections [name]); its values are skipped");
                continue;
            }
            if (!kept) {
                continue;
            }
            if (line.startsWith("#")) {
                description = (description == null ? new StringBuilder() : description).append(line.substring(1))
                        .append('\n');
            } else if ((m = DESCRIPTION.matcher(line)).matches()) {
                description = (description == null ? new StringBuilder() : description).append(m.group(1));
            } else if ((m = RAW_LXC.matcher(line)).matches()) {
                out.put(section, m.group(1), m.group(3));
            } else if (DELETE.matcher(line).matches()) {
                out.fault(i + 1, line, "'delete' is only allowed in [PENDING]");
            } else if ((m = KEY_VALUE.matcher(line)).matches()) {
                out.put(section, m.group(1), m.group(2));
            } else {
                out.fault(i + 1, line, "not a 'key: value' line, a '#' description line or a [section]");
            }
        }
        finish(out, section, description, kept);
    }

    private static StringBuilder finish(EntryCollector out, String section, StringBuilder description,
                                        boolean kept) {
        if (kept && description != null) {
            out.put(section, "description", description.toString().stripTrailing());
        }
        return null;
    }
}
