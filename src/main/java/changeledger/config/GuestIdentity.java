package changeledger.config;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a guest's configuration says of who it is (DESIGN "Evidence", guest identity): its name (QEMU {@code name},
 * LXC {@code hostname}) and, for QEMU, its creation time from {@code meta: creation-qemu=...,ctime=<epoch>}
 * (qemu-server {@code PVE::QemuServer::parse_meta_info_property}). A VMID is reused when the creation time changes.
 *
 * @param name    the name, or null
 * @param created the creation time, or null
 */
public record GuestIdentity(String name, Instant created) {

    private static final Pattern CTIME = Pattern.compile("(?:^|,)ctime=([0-9]{1,12})(?:,|$)");
    private static final GuestIdentity NONE = new GuestIdentity(null, null);

    /** The identity in a guest's entries ({@link ConfigEntry#id()} to value); none for null or other targets. */
    public static GuestIdentity of(Map<String, String> entries) {
        if (entries == null) {
            return NONE;
        }
        String name = null;
        Instant created = null;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            ConfigEntry place = ConfigEntry.of(entry.getKey(), entry.getValue());
            if (!place.section().isEmpty()) {
                continue;
            }
            switch (place.key()) {
                case "name", "hostname" -> name = name == null ? entry.getValue() : name;
                case "meta" -> {
                    Matcher ctime = CTIME.matcher(entry.getValue());
                    created = ctime.find() ? Instant.ofEpochSecond(Long.parseLong(ctime.group(1))) : created;
                }
                default -> {
                }
            }
        }
        return new GuestIdentity(name, created);
    }

    /** Whether two snapshots of one VMID are two guests: both name a creation time, and not the same one. */
    public static boolean replaced(Map<String, String> before, Map<String, String> after) {
        Instant was = of(before).created();
        Instant is = of(after).created();
        return was != null && is != null && !Objects.equals(was, is);
    }
}
